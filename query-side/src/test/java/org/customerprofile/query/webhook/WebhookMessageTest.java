package org.customerprofile.query.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebhookMessageTest {

    @Test
    void standardSignatureMatchesTheStandardWebhooksExample() {
        // the example of the Standard Webhooks specification and its reference libraries
        WebhookSecret secret = new WebhookSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

        String signature = WebhookMessage.standardSignature(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}");

        assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void standardMessageCarriesTheEventIdTimestampAndSignatureOfItsBody() {
        WebhookSecret secret = new WebhookSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

        WebhookMessage message = WebhookMessage.standard("{\"event_id\":\"e1\"}", "e1", 1700000000, secret);

        assertThat(message.body()).isEqualTo("{\"event_id\":\"e1\"}");
        assertThat(message.headers()).containsEntry("webhook-id", "e1").containsEntry("webhook-timestamp", "1700000000")
                .containsEntry("webhook-signature", WebhookMessage.standardSignature(secret, "e1", 1700000000, "{\"event_id\":\"e1\"}"));
    }

    @Test
    void acquiredMessageIsCustomerNewWithItsHashAsOpensslComputesIt() {
        WebhookSecret secret = new WebhookSecret("acquired-app-key-0123456789abcdef");

        WebhookMessage message = WebhookMessage.acquired("6F1C1B0E-2F4B-4C8A-9D61-0C4E5A7B8C9D", 1700000000,
                "11111111-1111-4111-8111-111111111111", "0d5f2c3a-8b7e-4e1f-a2c4-5b6d7e8f9a0b", secret);

        assertThat(message.body()).isEqualTo("{\"webhook_type\":\"customer_new\",\"webhook_id\":\"6f1c1b0e-2f4b-4c8a-9d61-0c4e5a7b8c9d\","
                + "\"timestamp\":1700000000,\"webhook_body\":{\"customer_id\":\"0d5f2c3a-8b7e-4e1f-a2c4-5b6d7e8f9a0b\"}}");
        // printf '%s' "$body" | openssl dgst -sha256 -hmac acquired-app-key-0123456789abcdef
        assertThat(message.headers()).containsEntry("Hash", "d0b26f524a416138388548bd64edb204b4825bf3e96350081e19cb20ba6d4f0a")
                .containsEntry("Company-Id", "11111111-1111-4111-8111-111111111111")
                .containsEntry("Webhook-Version", "2");
    }

    @Test
    void acquiredHashIgnoresWhitespaceAsAcquiredsReceiversDo() {
        WebhookSecret secret = new WebhookSecret("acquired-app-key-0123456789abcdef");

        assertThat(WebhookMessage.acquiredHash(secret, "{ \"a\" :\n 1 }")).isEqualTo(WebhookMessage.acquiredHash(secret, "{\"a\":1}"));
    }
}
