package org.customerprofile.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Failed logins and API requests beyond their limits, on a service of its own with small limits and a short
 * window: {@code 429} with {@code Retry-After} in the contract's error shape, the right key refused too while
 * locked out, other apps unaffected, and every login and refusal on the {@code security} logger.
 */
@SpringBootTest(classes = StandaloneApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"customers.rate-limits.login.failures-per-app-and-address=10", "customers.rate-limits.login.failures-per-address=15",
                "customers.rate-limits.login.window=4s", "customers.rate-limits.api.capacity=5", "customers.rate-limits.api.refill-per-second=1"})
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class RateLimitsTest {

    private static final String LISTINGS_KEY = "key-of-the-list-company-00000000";

    @LocalServerPort
    int port;

    @Test
    void elevenWrongKeysLockTheAppOutFromThatAddressForAWindowRightKeyIncluded() {
        ApiClient anonymous = ApiClient.anonymous(port);
        for (int i = 0; i < 10; i++) {
            assertThat(anonymous.post("/v1/login", Map.of("app_id", "listings", "app_key", "wrong-key-" + i)).status()).isEqualTo(401);
        }

        ApiClient.Response eleventh = anonymous.post("/v1/login", Map.of("app_id", "listings", "app_key", "wrong-key-10"));
        assertTooManyRequests(eleventh, "/v1/login");
        ApiClient.Response rightKey = anonymous.post("/v1/login", Map.of("app_id", "listings", "app_key", LISTINGS_KEY));
        assertTooManyRequests(rightKey, "/v1/login");
        assertThat(Long.parseLong(rightKey.header("Retry-After"))).isBetween(1L, 4L);

        assertThat(anonymous.post("/v1/login", Map.of("app_id", "company2", "app_key", "key-of-company-two-0000000000000")).status())
                .as("another app from the same address").isEqualTo(200);

        await().atMost(Duration.ofSeconds(4 + 3)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(anonymous.post("/v1/login", Map.of("app_id", "listings", "app_key", LISTINGS_KEY)).status()).isEqualTo(200));
    }

    @Test
    void anAppBeyondItsRequestRateGets429WhileOtherAppsDoNot(CapturedOutput output) {
        ApiClient operator = ApiClient.anonymous(port).login("operator", "key-of-the-operator-app-00000000");
        ApiClient company1 = ApiClient.company1(port);

        List<ApiClient.Response> responses = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            responses.add(operator.get("/v1/customers"));
        }

        assertThat(responses).extracting(ApiClient.Response::status).contains(200, 429).containsOnly(200, 429);
        assertTooManyRequests(responses.stream().filter(response -> response.status() == 429).findFirst().orElseThrow(), "/v1/customers");
        assertThat(company1.get("/v1/customers").status()).as("another app").isEqualTo(200);
        assertThat(output.getOut()).containsOnlyOnce("rate-limit outcome=refused app_id=operator");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(operator.get("/v1/customers").status()).isEqualTo(200));
    }

    @Test
    void everyLoginIsLoggedWithAppAddressAndOutcomeNeverTheKey(CapturedOutput output) {
        ApiClient anonymous = ApiClient.anonymous(port);
        anonymous.post("/v1/login", Map.of("app_id", "company1", "app_key", "a-wrong-key-for-the-log-test-000"));
        anonymous.post("/v1/login", Map.of("app_id", "nosuchap", "app_key", "a-wrong-key-for-the-log-test-000"));
        ApiClient company1 = ApiClient.company1(port);

        await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(output.getOut())
                .containsPattern("security\\s*:? .*login outcome=failure app_id=company1 client=(127\\.0\\.0\\.1|0:0:0:0::/64) via=login reason=wrong_key")
                .containsPattern("login outcome=failure app_id=nosuchap client=\\S+ via=login reason=unknown_app")
                .containsPattern("login outcome=success app_id=company1 client=\\S+ via=login key_id=\\S+"));
        assertThat(output.getOut()).doesNotContain("a-wrong-key-for-the-log-test-000").doesNotContain("key-of-company-one-0000000000000")
                .doesNotContain(company1.token());
    }

    private static void assertTooManyRequests(ApiClient.Response response, String instance) {
        assertThat(response.status()).isEqualTo(429);
        assertThat(response.header("Retry-After")).matches("[1-9][0-9]*");
        assertThat(response.body().get("status").asText()).isEqualTo("error");
        assertThat(response.body().get("error_type").asText()).isEqualTo("too_many_requests");
        assertThat(response.body().get("title").asText()).isNotBlank();
        assertThat(response.body().get("instance").asText()).isEqualTo(instance);
    }
}
