package org.customerprofile.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.customerprofile.standalone.ConfigurationMetadata.Property;
import org.junit.jupiter.api.Test;

/** The README's configuration table lists exactly the customers.* keys the modules declare, with their defaults. */
class ConfigurationTableTest {

    private static final Pattern ROW = Pattern.compile("^\\| `(customers\\.[^`]+)` \\| ([^|]+) \\| (.+) \\|$");

    private final List<Property> declared = ConfigurationMetadata.fromClasspath().customers();
    private final Map<String, String> table = readmeTable();

    @Test
    void theMetadataOfEveryModuleIsOnTheClasspath() {
        assertThat(declared).extracting(Property::sourceType).anySatisfy(type -> assertThat(type).startsWith("org.customerprofile.web."))
                .anySatisfy(type -> assertThat(type).startsWith("org.customerprofile.command."))
                .anySatisfy(type -> assertThat(type).startsWith("org.customerprofile.query."))
                .anySatisfy(type -> assertThat(type).startsWith("org.customerprofile.standalone."));
    }

    @Test
    void everyDeclaredKeyIsInTheTableAndEveryRowIsADeclaredKey() {
        assertThat(table.keySet()).containsExactlyInAnyOrderElementsOf(declared.stream().map(Property::name).toList());
    }

    @Test
    void theTableShowsEachKeysOneDefault() {
        for (Property property : declared) {
            assertThat(table.get(property.name())).as(property.name())
                    .isEqualTo(property.defaultValue() == null ? "—" : "`" + property.defaultValue() + "`");
        }
    }

    @Test
    void everyDeclaredKeyIsDescribed() {
        declared.stream().filter(property -> !property.name().contains("[N]"))
                .forEach(property -> assertThat(property.description()).as(property.name() + ": a @param line on its record").isNotBlank());
    }

    /** Key to default cell, from the rows of the README's "Configuration" section. */
    private static Map<String, String> readmeTable() {
        String readme;
        try {
            readme = Files.readString(DockerComposeTest.repositoryRoot().resolve("README.md"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        int start = readme.indexOf("\n## Configuration\n");
        assertThat(start).as("README has a Configuration section").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        Map<String, String> rows = new LinkedHashMap<>();
        for (String line : readme.substring(start, end < 0 ? readme.length() : end).split("\n")) {
            Matcher row = ROW.matcher(line);
            if (row.matches()) {
                assertThat(rows.put(row.group(1), row.group(2).strip())).as(row.group(1) + " is listed once").isNull();
            }
        }
        return rows;
    }
}
