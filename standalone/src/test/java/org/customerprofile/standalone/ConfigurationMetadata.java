package org.customerprofile.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The configuration properties described by every {@code META-INF/spring-configuration-metadata.json} on the
 * classpath: Spring Boot's and the libraries', and this project's modules', which spring-boot-configuration-processor
 * generates from their {@code @ConfigurationProperties} records.
 *
 * <p>A list of records ({@code customers.security.apps}) is described by the processor as one property; here
 * it becomes one property per component of the record, with {@code [N]} for the index
 * ({@code customers.security.apps[N].app-id}). A map ({@code logging.level}) ends in {@code .*}.
 */
record ConfigurationMetadata(List<Property> properties) {

    private static final Pattern LIST_OF_OUR_RECORDS = Pattern.compile("java\\.util\\.List<(org\\.customerprofile\\.[\\w.$]+)>");

    /** One property; {@code defaultValue} is null when it has none. */
    record Property(String name, String type, String sourceType, String defaultValue, String description) {

        boolean isCustomers() {
            return name.startsWith("customers.");
        }

        boolean declaredIn(Collection<String> packages) {
            return sourceType != null && packages.stream().anyMatch(sourceType::startsWith);
        }
    }

    static ConfigurationMetadata fromClasspath() {
        List<Property> properties = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String file : List.of("META-INF/spring-configuration-metadata.json", "META-INF/additional-spring-configuration-metadata.json")) {
            for (URL url : resources(file)) {
                try (InputStream in = url.openStream()) {
                    for (JsonNode property : json.readTree(in).path("properties")) {
                        if (!"error".equals(property.path("deprecation").path("level").asText())) { // "error": no longer bound
                            properties.addAll(expanded(new Property(property.path("name").asText(), property.path("type").asText(null),
                                    property.path("sourceType").asText(null), property.path("defaultValue").asText(null),
                                    property.path("description").asText(null))));
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return new ConfigurationMetadata(List.copyOf(properties));
    }

    /** The {@code customers.*} properties this project's modules declare. */
    List<Property> customers() {
        return properties.stream().filter(Property::isCustomers).toList();
    }

    /** Whether Spring Boot binds this environment variable to one of the properties — by Spring Boot's own mapping. */
    static boolean binds(String variable, Collection<Property> properties) {
        ConfigurationPropertySource environment = ConfigurationPropertySource.from(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(variable, "value")));
        List<String> indexes = Stream.of(variable.split("_")).filter(part -> part.matches("\\d+")).toList();
        for (Property property : properties) {
            for (String name : withIndexes(property.name(), indexes)) {
                boolean map = name.endsWith(".*");
                ConfigurationPropertyName candidate = ConfigurationPropertyName.ofIfValid(map ? name.substring(0, name.length() - 2) : name);
                if (candidate != null && (map
                        ? environment.containsDescendantOf(candidate) == ConfigurationPropertyState.PRESENT
                        : environment.getConfigurationProperty(candidate) != null)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<String> withIndexes(String template, List<String> indexes) {
        if (!template.contains("[N]")) {
            return List.of(template);
        }
        List<String> names = new ArrayList<>();
        for (String index : indexes) {
            names.addAll(withIndexes(template.replaceFirst("\\[N]", "[" + index + "]"), indexes));
        }
        return names;
    }

    private static List<Property> expanded(Property property) {
        if (property.type() != null && property.type().startsWith("java.util.Map<")) {
            return List.of(new Property(property.name() + ".*", property.type(), property.sourceType(), null, property.description()));
        }
        Matcher list = property.type() == null ? null : LIST_OF_OUR_RECORDS.matcher(property.type());
        if (list == null || !list.matches()) {
            return List.of(property);
        }
        List<Property> components = new ArrayList<>();
        for (RecordComponent component : recordClass(list.group(1)).getRecordComponents()) {
            components.add(new Property(property.name() + "[N]." + kebab(component.getName()), component.getType().getName(),
                    property.sourceType(), null, null));
        }
        return components;
    }

    private static Class<?> recordClass(String name) {
        try {
            Class<?> type = Class.forName(name, false, ConfigurationMetadata.class.getClassLoader());
            if (!type.isRecord()) {
                throw new IllegalStateException(name + ": configuration lists hold records");
            }
            return type;
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(name + " is described in the metadata but not on the test classpath", e);
        }
    }

    private static String kebab(String camelCase) {
        return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    private static List<URL> resources(String name) {
        try {
            return Collections.list(ConfigurationMetadata.class.getClassLoader().getResources(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
