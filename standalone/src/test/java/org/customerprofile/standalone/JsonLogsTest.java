package org.customerprofile.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.logging.LoggingSystemProperty;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * The {@code json-logs} profile as deployed processes run it: a request's log lines are JSON documents
 * carrying the request id the client sent, and no secret. The shared context's logging is switched to
 * the profile's configuration for the requests and back afterwards (a second context would cost seconds
 * and would not re-configure logging that is already initialised).
 */
@StandaloneTest
@ExtendWith(OutputCaptureExtension.class)
class JsonLogsTest {

    /** Logs each unknown field of a request body at debug: a request-scoped line we can provoke. */
    private static final String REQUEST_READER = "org.customerprofile.web.request.CustomerRequestReader";
    private static final String OPERATOR_KEY = "key-of-the-operator-app-00000000";

    @LocalServerPort
    int port;
    @Autowired
    ConfigurableEnvironment environment;

    @Test
    void aRequestsLogLinesAreJsonCarryingItsRequestId(CapturedOutput output) {
        String requestId = "json-logs-" + UUID.randomUUID();
        ApiClient company1 = ApiClient.company1(port);

        withJsonLogs(() -> {
            ApiClient.Response response = company1.send("POST", "/v1/customers",
                    Map.of("reference", "json_" + UUID.randomUUID().toString().replace("-", ""), "favourite_colour", "green"),
                    Map.of("X-Request-Id", requestId));
            assertThat(response.status()).as(response.toString()).isEqualTo(201);
        });

        List<String> requestLines = output.getOut().lines().filter(line -> line.contains(requestId)).toList();
        assertThat(requestLines).isNotEmpty();
        for (String line : requestLines) {
            JsonNode event = parse(line);
            assertThat(event.get("requestId").asText()).as(line).isEqualTo(requestId);
            assertThat(event.has("@timestamp")).as(line).isTrue();
        }
        assertThat(requestLines).map(JsonLogsTest::parse).anySatisfy(event -> {
            assertThat(event.get("message").asText()).contains("favourite_colour");
            assertThat(event.at("/log/level").asText()).isEqualTo("DEBUG");
            assertThat(event.at("/log/logger").asText()).isEqualTo(REQUEST_READER);
        });

        LoggerFactory.getLogger(JsonLogsTest.class).warn("logging is readable again after {}", requestId);
        assertThat(output.getOut().lines().filter(line -> line.contains("readable again after " + requestId)))
                .singleElement().satisfies(line -> assertThat(line).doesNotStartWith("{"));
    }

    @Test
    void logsNoKeyNorToken(CapturedOutput output) {
        String[] token = new String[1];
        withJsonLogs(() -> {
            token[0] = ApiClient.anonymous(port).post("/v1/login", Map.of("app_id", "operator", "app_key", OPERATOR_KEY))
                    .body().get("access_token").asText();
            ApiClient.anonymous(port).post("/v1/login", Map.of("app_id", "operator", "app_key", OPERATOR_KEY + "x"));
            ApiClient.anonymous(port).withToken(token[0]).get("/actuator/prometheus");
        });

        assertThat(token[0]).isNotBlank();
        assertThat(output.getAll()).doesNotContain(OPERATOR_KEY).doesNotContain(token[0]);
    }

    /** Runs {@code requests} with logging configured as a process started with the json-logs profile. */
    private void withJsonLogs(Runnable requests) {
        StandardEnvironment json = new StandardEnvironment();
        json.merge(environment);
        try {
            for (PropertySource<?> source : new YamlPropertySourceLoader().load("defaults", new ClassPathResource("customers-defaults.yml"))) {
                if ("json-logs".equals(source.getProperty("spring.config.activate.on-profile"))) {
                    json.getPropertySources().addFirst(source);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        configureLogging(json);
        LoggingSystem.get(JsonLogsTest.class.getClassLoader()).setLogLevel(REQUEST_READER, LogLevel.DEBUG);
        try {
            requests.run();
        } finally {
            // the structured format travels as a system property that a later initialisation would not overwrite
            System.clearProperty(LoggingSystemProperty.CONSOLE_STRUCTURED_FORMAT.getEnvironmentVariableName());
            configureLogging(environment);
        }
    }

    /** What Spring Boot's LoggingApplicationListener does at start-up, for an environment. */
    private static void configureLogging(ConfigurableEnvironment environment) {
        LoggingSystem logging = LoggingSystem.get(JsonLogsTest.class.getClassLoader());
        logging.cleanUp();
        logging.beforeInitialize();
        logging.initialize(new LoggingInitializationContext(environment), null, null);
        Binder.get(environment).bind("logging.level", Bindable.mapOf(String.class, LogLevel.class)).orElse(Map.of())
                .forEach((name, level) -> logging.setLogLevel(name.equalsIgnoreCase("root") ? null : name, level));
    }

    private static JsonNode parse(String line) {
        JsonNode node = ApiClient.json(line);
        assertThat(node.isObject()).as(line).isTrue();
        return node;
    }
}
