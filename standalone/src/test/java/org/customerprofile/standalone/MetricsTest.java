package org.customerprofile.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code /actuator/prometheus} as Prometheus and an operator see it: scraped with an operator's token
 * or with HTTP Basic and an operator app's key; command timers count what went through HTTP, the lag of
 * every processor goes to 0 once it has caught up; merchants and strangers are refused in the contract's shape.
 */
@StandaloneTest
class MetricsTest {

    private static final String PROMETHEUS = "/actuator/prometheus";
    private static final String OPERATOR_ID = "operator";
    private static final String OPERATOR_KEY = "key-of-the-operator-app-00000000";
    private static final String CREATES = "commandBus_allTimer_seconds_count{payloadType=\"CreateCustomer\"}";
    private static final String UPDATES_SUCCEEDED = "commandBus_successTimer_seconds_count{payloadType=\"UpdateCustomer\"}";

    @LocalServerPort
    int port;
    ApiClient company1;
    ApiClient operator;

    @BeforeEach
    void setUp() {
        company1 = ApiClient.company1(port);
        operator = ApiClient.anonymous(port).login(OPERATOR_ID, OPERATOR_KEY);
    }

    @Test
    void commandTimersCountEveryCommandByType() {
        String before = scrapeWithToken();

        String id = company1.create(Map.of("reference", reference()));
        company1.create(Map.of("reference", reference()));
        assertThat(company1.put("/v1/customers/" + id, Map.of("first_name", "Ada")).status()).isEqualTo(200);

        String after = scrapeWithToken();
        assertThat(value(after, CREATES)).hasValue(value(before, CREATES).orElse(0) + 2);
        assertThat(value(after, UPDATES_SUCCEEDED)).hasValue(value(before, UPDATES_SUCCEEDED).orElse(0) + 1);
        assertThat(value(after, "commandBus_allTimer_seconds_sum{payloadType=\"CreateCustomer\"}").orElse(0))
                .isGreaterThan(value(before, "commandBus_allTimer_seconds_sum{payloadType=\"CreateCustomer\"}").orElse(0));
    }

    @Test
    void everyProcessorsLagGoesToZeroOnceItHasCaughtUp() {
        company1.create(Map.of("reference", reference()));

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            String metrics = scrapeWithToken();
            for (String processor : new String[] {"customer-projection", "ReferenceSagaProcessor"}) {
                String tag = "{processor=\"" + processor + "\"}";
                assertThat(value(metrics, "customers_processor_events_behind" + tag)).as(processor).hasValue(0);
                assertThat(value(metrics, "customers_processor_time_behind_seconds" + tag)).as(processor).hasValue(0);
                assertThat(value(metrics, "customers_processor_running" + tag)).as(processor).hasValue(1);
                assertThat(value(metrics, "customers_processor_error" + tag)).as(processor).hasValue(0);
                assertThat(value(metrics, "customers_processor_segments" + tag)).as(processor).hasValue(1);
            }
        });
    }

    @Test
    void anOperatorAppScrapesWithHttpBasic() {
        ApiClient.Response response = scrape(basic(OPERATOR_ID, OPERATOR_KEY));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("text/plain");
        assertThat(value(response.body().asText(), "customers_processor_events_behind{processor=\"customer-projection\"}")).isPresent();
        assertThat(response.body().asText()).doesNotContain(OPERATOR_KEY);
    }

    @Test
    void aMerchantIsForbidden() {
        assertRefused(company1.get(PROMETHEUS), 403, "forbidden");
        assertRefused(scrape(basic("company1", "key-of-company-one-0000000000000")), 403, "forbidden");
    }

    @Test
    void withoutValidCredentialsItIsUnauthorized() {
        assertRefused(ApiClient.anonymous(port).get(PROMETHEUS), 401, "unauthorized");
        assertRefused(scrape(basic(OPERATOR_ID, OPERATOR_KEY + "x")), 401, "unauthorized");
        assertRefused(scrape(basic("nobody01", OPERATOR_KEY)), 401, "unauthorized");
        assertRefused(scrape("Bearer not-a-token"), 401, "unauthorized");
    }

    private String scrapeWithToken() {
        ApiClient.Response response = operator.get(PROMETHEUS);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.body().asText();
    }

    private ApiClient.Response scrape(String authorization) {
        return ApiClient.anonymous(port).send("GET", PROMETHEUS, null, Map.of("Authorization", authorization));
    }

    private static String basic(String appId, String appKey) {
        return "Basic " + Base64.getEncoder().encodeToString((appId + ":" + appKey).getBytes(StandardCharsets.UTF_8));
    }

    /** The value of one sample, named with its labels exactly as Prometheus' text format prints them. */
    private static OptionalDouble value(String metrics, String sample) {
        return metrics.lines()
                .filter(line -> line.startsWith(sample + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(sample.length() + 1).strip()))
                .findFirst();
    }

    private static void assertRefused(ApiClient.Response response, int status, String errorType) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(response.body().get("status").asText()).isEqualTo("error");
        assertThat(response.body().get("error_type").asText()).isEqualTo(errorType);
        assertThat(response.body().get("title").asText()).isNotBlank();
        assertThat(response.body().get("instance").asText()).isEqualTo(PROMETHEUS);
        assertThat(response.body().toString()).doesNotContain("# TYPE");
    }

    private static String reference() {
        return "metrics_" + UUID.randomUUID().toString().replace("-", "");
    }
}
