package org.customerprofile.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Without {@code customers.webhooks.allow-private-targets}, as in production: a webhook cannot point into the
 * service's own network, neither when it is registered nor when a DNS answer changes afterwards. A webhook
 * that does nothing but fail for the retry max-age is disabled.
 */
@StandaloneTest
// a short max-age: a webhook that only fails is given up on and disabled within seconds
@TestPropertySource(properties = {"customers.webhooks.allow-private-targets=false", "customers.webhooks.retry.max-age=3s"})
class WebhookTargetRefusalTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void loopbackPrivateLinkLocalAndMulticastTargetsAreRefusedAtRegistration() {
        ApiClient merchant = ApiClient.anonymous(port).login("webhooks", "key-of-the-webhooks-app-00000000");
        for (String url : List.of("http://127.0.0.1:8080/hooks", "http://localhost/hooks", "https://[::1]/hooks", "http://10.1.2.3/",
                "http://192.168.0.10/", "http://172.20.0.1/", "http://169.254.169.254/latest/meta-data/", "http://[fe80::1]/",
                "http://[fd00::1]/", "http://224.0.0.1/", "http://0.0.0.0/", "http://[::ffff:127.0.0.1]/", "http://[::ffff:a01:203]/")) {
            ApiClient.Response refused = merchant.post("/v1/webhooks", Map.of("url", url));
            ApiClient.assertInvalid(refused, "url");
            assertThat(refused.body().at("/invalid_parameters/0/reason").asText()).as(url).contains("loopback, private");
        }
        assertThat(merchant.get("/v1/webhooks").body().at("/meta/total").asInt()).isZero();
    }

    @Test
    void aTargetThatTurnsPrivateAfterRegistrationIsSentNothingAndAfterMaxAgeTheWebhookIsDisabled() {
        ApiClient merchant = ApiClient.anonymous(port).login("webhooks", "key-of-the-webhooks-app-00000000");
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            // a public address literal needs no DNS; then the target changes under the service's feet, as a DNS answer may
            ApiClient.Response registered = merchant.post("/v1/webhooks", Map.of("url", "https://93.184.216.34/hooks"));
            assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
            String webhookId = registered.body().get("webhook_id").asText();
            jdbc.update("UPDATE webhook SET url = ? WHERE webhook_id = ?::uuid", receiver.url(), webhookId);

            merchant.create(Map.of("first_name", "Mallory"));

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode delivery = merchant.get("/v1/webhooks/" + webhookId + "/deliveries").body().at("/data/0");
                assertThat(delivery.get("attempts").asInt()).isGreaterThanOrEqualTo(1);
                assertThat(delivery.get("last_error").asText()).startsWith("target refused");
                assertThat(delivery.get("last_status_code").isNull()).isTrue();
            });
            assertThat(receiver.received()).isEmpty();

            // failing for the whole max-age: the delivery is given up, the webhook disabled, and its listing says why
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(merchant.get("/v1/webhooks/" + webhookId + "/deliveries").body().at("/data/0/status").asText()).isEqualTo("failed");
                JsonNode webhook = merchant.get("/v1/webhooks/" + webhookId).body();
                assertThat(webhook.get("enabled").asBoolean()).isFalse();
                assertThat(webhook.get("disabled_reason").asText()).contains("every delivery failed since");
            });
            assertThat(receiver.received()).isEmpty();
            merchant.send("DELETE", "/v1/webhooks/" + webhookId, null, Map.of());
        }
    }
}
