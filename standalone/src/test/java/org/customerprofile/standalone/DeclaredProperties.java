package org.customerprofile.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.yaml.snakeyaml.Yaml;

/**
 * Property names that exist, and whether an environment variable binds one — decided by Spring Boot's own
 * environment-variable mapping, so {@code CUSTOMERS_SECURITY_APPS_0_APP_ID} binds
 * {@code customers.security.apps[0].app-id} exactly when Spring would bind it.
 *
 * <p>A name is a template: {@code [*]} stands for any list index, a trailing {@code .*} for any map key.
 */
record DeclaredProperties(String origin, Set<String> names) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(customers\\.[A-Za-z0-9.\\[\\]-]+)[:}]");
    private static final Pattern CONDITIONAL = Pattern.compile("@ConditionalOnProperty\\(([^)]*)\\)");
    private static final Pattern CONFIGURATION_PROPERTIES =
            Pattern.compile("@ConfigurationProperties\\((?:(?:prefix|value)\\s*=\\s*)?\"([^\"]+)\"\\)");
    private static final Pattern ATTRIBUTE = Pattern.compile("(prefix|name|value)\\s*=\\s*(\\{[^}]*}|\"[^\"]*\")");
    private static final Pattern STRING = Pattern.compile("\"([^\"]+)\"");
    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+);", Pattern.MULTILINE);

    /** Every property Spring Boot and the libraries on the test classpath describe in their configuration metadata. */
    static DeclaredProperties springMetadata() {
        Set<String> names = new TreeSet<>();
        ObjectMapper json = new ObjectMapper();
        for (String file : List.of("META-INF/spring-configuration-metadata.json", "META-INF/additional-spring-configuration-metadata.json")) {
            for (URL url : resources(file)) {
                try (InputStream in = url.openStream()) {
                    for (JsonNode property : json.readTree(in).path("properties")) {
                        if ("error".equals(property.path("deprecation").path("level").asText())) {
                            continue; // removed: Spring no longer binds it
                        }
                        String type = property.path("type").asText();
                        names.add(property.path("name").asText() + (type.startsWith("java.util.Map") ? ".*" : ""));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return new DeclaredProperties("Spring Boot's configuration metadata", names);
    }

    /**
     * The {@code customers.*} properties the main sources of these modules declare: {@code ${customers…}}
     * placeholders, {@code @ConditionalOnProperty} names, {@code @ConfigurationProperties} classes (their
     * components, by reflection) and the keys of their {@code .yml} and {@code .properties} files.
     */
    static DeclaredProperties customersIn(Path root, Collection<String> modules) {
        Set<String> names = new TreeSet<>();
        for (String module : modules) {
            for (Path file : files(root.resolve(module).resolve("src/main/java"), ".java")) {
                String source = read(file);
                PLACEHOLDER.matcher(source).results().forEach(m -> names.add(m.group(1)));
                CONDITIONAL.matcher(source).results().forEach(m -> names.addAll(conditionalNames(m.group(1))));
                Matcher properties = CONFIGURATION_PROPERTIES.matcher(source);
                if (properties.find()) {
                    describe(properties.group(1), loadClass(source, file), names);
                }
            }
            for (Path file : files(root.resolve(module).resolve("src/main/resources"), ".yml", ".yaml", ".properties")) {
                if (file.toString().endsWith(".properties")) {
                    flatten("", properties(file), names);
                } else {
                    new Yaml().loadAll(read(file)).forEach(document -> flatten("", document, names));
                }
            }
        }
        names.removeIf(name -> !name.startsWith("customers."));
        return new DeclaredProperties("the main sources of " + String.join(", ", modules), names);
    }

    /** Whether Spring Boot binds this environment variable to one of the names. */
    boolean binds(String variable) {
        ConfigurationPropertySource environment = ConfigurationPropertySource.from(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(variable, "value")));
        List<String> indexes = Stream.of(variable.split("_")).filter(part -> part.matches("\\d+")).toList();
        for (String template : names) {
            for (String name : withIndexes(template, indexes)) {
                boolean map = name.endsWith(".*");
                ConfigurationPropertyName property = ConfigurationPropertyName.ofIfValid(map ? name.substring(0, name.length() - 2) : name);
                if (property != null && (map
                        ? environment.containsDescendantOf(property) == ConfigurationPropertyState.PRESENT
                        : environment.getConfigurationProperty(property) != null)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<String> withIndexes(String template, List<String> indexes) {
        if (!template.contains("[*]")) {
            return List.of(template);
        }
        List<String> names = new ArrayList<>();
        for (String index : indexes) {
            names.addAll(withIndexes(template.replaceFirst("\\[\\*]", "[" + index + "]"), indexes));
        }
        return names;
    }

    private static List<String> conditionalNames(String attributes) {
        String prefix = "";
        List<String> names = new ArrayList<>();
        for (MatchResult attribute : ATTRIBUTE.matcher(attributes).results().toList()) {
            List<String> values = STRING.matcher(attribute.group(2)).results().map(m -> m.group(1)).toList();
            if (attribute.group(1).equals("prefix")) {
                prefix = values.get(0) + ".";
            } else {
                names.addAll(values);
            }
        }
        String p = prefix;
        return names.stream().map(name -> p + name).toList();
    }

    /** The properties a {@code @ConfigurationProperties} type binds: record components or bean fields, nested types recursed into. */
    private static void describe(String prefix, Class<?> type, Set<String> names) {
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                property(prefix + "." + kebab(component.getName()), component.getGenericType(), names);
            }
        } else {
            Stream.of(type.getDeclaredFields()).filter(field -> !Modifier.isStatic(field.getModifiers()))
                    .forEach(field -> property(prefix + "." + kebab(field.getName()), field.getGenericType(), names));
        }
    }

    private static void property(String name, Type type, Set<String> names) {
        Class<?> raw = raw(type);
        if (Collection.class.isAssignableFrom(raw) || raw.isArray()) {
            Class<?> element = raw.isArray() ? raw.getComponentType() : raw(argument(type, 0));
            if (isNested(element)) {
                describe(name + "[*]", element, names);
            } else {
                names.add(name); // a comma-separated value binds too
                names.add(name + "[*]");
            }
        } else if (Map.class.isAssignableFrom(raw)) {
            names.add(name + ".*");
        } else if (isNested(raw)) {
            describe(name, raw, names);
        } else {
            names.add(name);
        }
    }

    private static boolean isNested(Class<?> type) {
        return type.getPackageName().startsWith("org.customerprofile") && !type.isEnum();
    }

    private static Class<?> raw(Type type) {
        return type instanceof ParameterizedType parameterized ? (Class<?>) parameterized.getRawType() : (Class<?>) type;
    }

    private static Type argument(Type type, int index) {
        return type instanceof ParameterizedType parameterized ? parameterized.getActualTypeArguments()[index] : Object.class;
    }

    private static String kebab(String camelCase) {
        return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    private static void flatten(String prefix, Object node, Set<String> names) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> flatten(prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key, value, names));
        } else if (node instanceof List<?> list) {
            names.add(prefix);
            list.forEach(element -> flatten(prefix + "[*]", element, names));
        } else if (!prefix.isEmpty()) {
            names.add(prefix);
        }
    }

    private static Map<String, Object> properties(Path file) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> flat = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> flat.put(key, properties.getProperty(key)));
        return flat;
    }

    private static Class<?> loadClass(String source, Path file) {
        Matcher packageName = PACKAGE.matcher(source);
        String simpleName = file.getFileName().toString().replace(".java", "");
        String name = packageName.find() ? packageName.group(1) + "." + simpleName : simpleName;
        try {
            return Class.forName(name, false, DeclaredProperties.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(name + " declares @ConfigurationProperties but is not on the test classpath", e);
        }
    }

    private static List<URL> resources(String name) {
        try {
            return Collections.list(DeclaredProperties.class.getClassLoader().getResources(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> files(Path directory, String... extensions) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            return paths.filter(path -> Stream.of(extensions).anyMatch(path.toString()::endsWith)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
