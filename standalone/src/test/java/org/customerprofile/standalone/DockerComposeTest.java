package org.customerprofile.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.customerprofile.standalone.ConfigurationMetadata.Property;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The production-like topology (docker-compose.yml, docker/Dockerfile, docker/nginx.conf) checked without
 * Docker: what runs, from which image, in which order, with which configuration, behind which routes.
 */
class DockerComposeTest {

    private static final Path ROOT = repositoryRoot();

    /** The apps' documented {@code server.port}s: the images, health checks and gateway all assume them. */
    private static final Map<String, Integer> APP_PORTS = Map.of("command-side", 8081, "query-side", 8082);
    /** Where the apps find the stores, and the ports the stores listen on. */
    private static final Map<String, Integer> STORE_PORTS = Map.of("postgres", 5432, "mongo", 27017, "kafka", 9092);
    /** What each service must not start before: healthy stores, and the command side owns the schema (Flyway). */
    private static final Map<String, Set<String>> NEEDS = Map.of(
            "command-side", Set.of("postgres"),
            "query-side-1", Set.of("postgres", "mongo", "kafka", "command-side"),
            "query-side-2", Set.of("postgres", "mongo", "kafka", "command-side"),
            "gateway", Set.of("command-side", "query-side-1", "query-side-2"));
    /** The packages an app is built from: its customers.* properties are the records declared there. */
    private static final Map<String, List<String>> APP_PACKAGES = Map.of(
            "command-side", List.of("org.customerprofile.web.", "org.customerprofile.personal.", "org.customerprofile.command."),
            "query-side", List.of("org.customerprofile.web.", "org.customerprofile.personal.", "org.customerprofile.query."));

    private final Map<String, Map<String, Object>> services = services();

    @Test
    void theTopologyIsStoresTwoSidesAndOneGateway() {
        assertThat(services).containsOnlyKeys("postgres", "mongo", "kafka", "command-side", "query-side-1", "query-side-2", "gateway");
    }

    @Test
    void everyImageIsPinnedOrBuiltFromThisRepository() {
        services.forEach((name, service) -> {
            Map<String, Object> build = map(service.get("build"));
            if (build.isEmpty()) {
                assertPinned(name, (String) service.get("image"));
            } else {
                Path context = ROOT.resolve((String) build.get("context")).normalize();
                assertThat(context).as(name + ": build context").isDirectory();
                assertThat(context.resolve((String) build.getOrDefault("dockerfile", "Dockerfile"))).as(name + ": dockerfile").isRegularFile();
            }
        });
        for (String from : instructions(dockerfile(), "FROM")) {
            assertPinned("docker/Dockerfile", from.split("\\s+")[0]);
        }
    }

    @Test
    void servicesStartOnlyOnceWhatTheyNeedIsHealthy() {
        services.forEach((name, service) -> {
            Map<String, Object> dependsOn = map(service.get("depends_on"));
            assertThat(dependsOn.keySet()).as(name + " depends_on").containsAll(NEEDS.getOrDefault(name, Set.of()));
            dependsOn.forEach((dependency, condition) -> {
                assertThat(map(condition).get("condition")).as(name + " -> " + dependency).isEqualTo("service_healthy");
                assertThat(healthcheck(dependency)).as(dependency + " must have a health check to be waited for").isNotBlank();
            });
        });
        appServices().forEach((name, module) -> assertThat(healthcheck(name)).as(name + " health check")
                .contains("localhost:" + APP_PORTS.get(module) + "/actuator/health"));
        assertThat(healthcheck("gateway")).as("gateway health check").isNotBlank();
    }

    @Test
    void namedVolumesAreDeclaredAndMountedFilesExist() {
        Set<String> declared = map(compose().get("volumes")).keySet();
        services.forEach((name, service) -> {
            for (String volume : list(service.get("volumes"))) {
                String source = volume.split(":")[0];
                if (source.startsWith(".") || source.startsWith("/")) {
                    assertThat(ROOT.resolve(source).normalize()).as(name + ": mounted " + source).exists();
                } else {
                    assertThat(declared).as(name + ": volume " + source + " is declared").contains(source);
                }
            }
        });
    }

    @Test
    void onlyTheGatewayPublishesAPort() {
        services.forEach((name, service) -> {
            if (!name.equals("gateway")) {
                assertThat(service).as(name + " publishes no host port").doesNotContainKey("ports");
            }
        });
        assertThat(list(services.get("gateway").get("ports"))).containsExactly("8080:8080");
        assertThat(nginxConf()).containsPattern("listen\\s+8080;");
    }

    @Test
    void everyAppEnvironmentVariableBindsADeclaredProperty() {
        assertThat(unboundVariables())
                .as("CUSTOMERS_* checked against the app's own properties, every other name against all the configuration metadata").isEmpty();
    }

    @Test
    void appsReachTheStoresAtTheAddressesTheStoresAdvertise() {
        Pattern address = Pattern.compile("(?:^|//|,)([a-z][a-z0-9-]*):(\\d+)(?=[/?,]|$)");
        appServices().keySet().forEach(name -> environment(name).forEach((variable, value) -> {
            Matcher matcher = address.matcher(value);
            while (matcher.find()) {
                assertThat(STORE_PORTS).as(name + " " + variable).containsEntry(matcher.group(1), Integer.parseInt(matcher.group(2)));
            }
        }));
        assertThat(environment("query-side-1")).containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
                .containsEntry("SPRING_DATA_MONGODB_URI", "mongodb://mongo:27017/customers?replicaSet=rs0");
        assertThat(environment("kafka")).containsEntry("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://kafka:9092");
        assertThat(String.valueOf(services.get("mongo").get("command"))).contains("--replSet, rs0");
        assertThat(healthcheck("mongo")).contains("_id: 'rs0'").contains("host: 'mongo:27017'");
    }

    @Test
    void gatewayRoutesToComposeServicesOnTheAppsPorts() {
        assertThat(list(services.get("gateway").get("volumes"))).contains("./docker/nginx.conf:/etc/nginx/nginx.conf:ro");
        String conf = nginxConf();
        Map<String, List<String>> upstreams = new TreeMap<>();
        Matcher upstream = Pattern.compile("upstream\\s+(\\w+)\\s*\\{([^}]*)}").matcher(conf);
        while (upstream.find()) {
            upstreams.put(upstream.group(1), Pattern.compile("server\\s+([\\w.-]+:\\d+)").matcher(upstream.group(2))
                    .results().map(server -> server.group(1)).toList());
        }
        assertThat(upstreams).containsOnlyKeys("command_side", "query_side");
        assertThat(upstreams.get("command_side")).containsExactly("command-side:8081");
        assertThat(upstreams.get("query_side")).containsExactlyInAnyOrder("query-side-1:8082", "query-side-2:8082");
        Map<String, String> modules = appServices();
        upstreams.values().stream().flatMap(List::stream).forEach(server -> {
            String host = server.split(":")[0];
            assertThat(modules).as("upstream host " + host + " is an app service").containsKey(host);
            assertThat(server).endsWith(":" + APP_PORTS.get(modules.get(host)));
        });
        assertThat(conf).as("writes by method to the command side, reads to the query side")
                .containsPattern("map \\$request_method \\$customers_upstream \\{\\s*GET\\s+query_side;\\s*HEAD\\s+query_side;\\s*default\\s+command_side;")
                .containsPattern("location /v1/customers \\{\\s*proxy_pass http://\\$customers_upstream;")
                .containsPattern("location \\^~ /actuator/ \\{\\s*return 404")
                .containsPattern("location /console/ \\{\\s*proxy_pass http://query_side;")
                .containsPattern("location = /v1/events/stream \\{[^}]*proxy_buffering off;[^}]*proxy_pass http://query_side;")
                .contains("proxy_set_header X-Request-Id", "proxy_set_header X-Forwarded-For");
    }

    @Test
    void imagesRunTheExecutableJarAsNonRootOnTheAppsPort() {
        assertThat(dockerfile()).as("build stage").contains("./mvnw -B -DskipTests -pl ${MODULE} -am package");
        appServices().forEach((name, module) -> {
            Map<String, Object> args = map(map(services.get(name).get("build")).get("args"));
            assertThat(String.valueOf(args.get("PORT"))).as(name + " PORT").isEqualTo(String.valueOf(APP_PORTS.get(module)));
            List<String> finalStage = finalStage(dockerfile().replace("${MODULE}", module).replace("${PORT}", String.valueOf(args.get("PORT"))));
            assertThat(instructions(finalStage, "COPY")).as(name + ": the repackaged jar")
                    .anyMatch(copy -> copy.startsWith("--from=build ") && copy.contains("/" + module + "/target/" + module + "-*-exec.jar "));
            assertThat(instructions(finalStage, "USER")).as(name + ": runtime user").isNotEmpty()
                    .last().matches(user -> !user.matches("(root|0)(:.*)?"), "is not root");
            assertThat(instructions(finalStage, "EXPOSE")).as(name + ": exposed port").containsExactly(String.valueOf(APP_PORTS.get(module)));
            assertThat(ROOT.resolve(module + "/pom.xml")).as(module + " module").isRegularFile();
            assertAppConfigurationAgrees(module);
        });
    }

    /** Once the app's own configuration exists it must agree with the topology's assumptions. */
    private static void assertAppConfigurationAgrees(String module) {
        Path config = ROOT.resolve(module + "/src/main/resources/" + module + ".yml");
        if (Files.exists(config)) {
            for (Object document : new Yaml().loadAll(read(config))) {
                Object port = map(map(document).get("server")).get("port");
                if (port != null) {
                    assertThat(String.valueOf(port)).as(config + " server.port").contains(String.valueOf(APP_PORTS.get(module)));
                }
            }
        }
        String pom = read(ROOT.resolve(module + "/pom.xml"));
        if (pom.contains("<artifactId>spring-boot-maven-plugin</artifactId>")) {
            assertThat(pom).as(module + ": the executable jar's classifier").contains("<classifier>exec</classifier>");
        }
    }

    private List<String> unboundVariables() {
        List<Property> all = ConfigurationMetadata.fromClasspath().properties();
        List<String> unbound = new ArrayList<>();
        appServices().forEach((name, module) -> {
            List<Property> customers = all.stream().filter(property -> property.isCustomers() && property.declaredIn(APP_PACKAGES.get(module))).toList();
            environment(name).keySet().forEach(variable -> {
                boolean ours = variable.startsWith("CUSTOMERS_");
                if (!ConfigurationMetadata.binds(variable, ours ? customers : all)) {
                    unbound.add(name + ": " + variable + " binds no property " + (ours ? "of the " + module + " app" : "in the configuration metadata"));
                }
            });
        });
        return unbound;
    }

    private static void assertPinned(String what, String image) {
        assertThat(image).as(what + ": image").isNotBlank().contains(":").doesNotEndWith(":latest").doesNotContain("${");
    }

    /** App services (built from this repository) and the module each is built from. */
    private Map<String, String> appServices() {
        Map<String, String> apps = new TreeMap<>();
        services.forEach((name, service) -> {
            Object module = map(map(service.get("build")).get("args")).get("MODULE");
            if (module != null) {
                apps.put(name, (String) module);
            }
        });
        return apps;
    }

    private Map<String, String> environment(String service) {
        Map<String, String> environment = new LinkedHashMap<>();
        Object declared = services.get(service).get("environment");
        if (declared instanceof List<?> entries) {
            entries.forEach(entry -> environment.put(entry.toString().split("=", 2)[0], entry.toString().split("=", 2)[1]));
        } else {
            map(declared).forEach((key, value) -> environment.put(key, String.valueOf(value)));
        }
        return environment;
    }

    private String healthcheck(String service) {
        Object test = map(map(services.get(service)).get("healthcheck")).get("test");
        return test == null ? "" : String.valueOf(test);
    }

    private static Map<String, Object> compose() {
        return new Yaml().load(read(ROOT.resolve("docker-compose.yml")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() {
        return (Map<String, Map<String, Object>>) compose().get("services");
    }

    private static String dockerfile() {
        return read(ROOT.resolve("docker/Dockerfile"));
    }

    private static String nginxConf() {
        return read(ROOT.resolve("docker/nginx.conf"));
    }

    /** The instructions from the last FROM on, continuation lines joined. */
    private static List<String> finalStage(String dockerfile) {
        List<String> lines = Stream.of(dockerfile.replace("\\\n", " ").split("\n"))
                .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        int from = 0;
        for (int i = 0; i < lines.size(); i++) {
            from = lines.get(i).startsWith("FROM ") ? i : from;
        }
        return lines.subList(from, lines.size());
    }

    private static List<String> instructions(String dockerfile, String instruction) {
        return instructions(Stream.of(dockerfile.replace("\\\n", " ").split("\n")).map(String::strip).toList(), instruction);
    }

    private static List<String> instructions(List<String> lines, String instruction) {
        return lines.stream().filter(line -> line.startsWith(instruction + " "))
                .map(line -> line.substring(instruction.length() + 1).strip()).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        if (node instanceof List<?> names) { // depends_on's short form: started, not healthy
            Map<String, Object> conditions = new LinkedHashMap<>();
            names.forEach(dependency -> conditions.put(String.valueOf(dependency), Map.of("condition", "service_started")));
            return conditions;
        }
        return node instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static List<String> list(Object node) {
        return node instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path repositoryRoot() {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null && !Files.exists(directory.resolve("mvnw"))) {
            directory = directory.getParent();
        }
        assertThat(directory).as("the repository root (where mvnw is)").isNotNull();
        return directory;
    }
}
