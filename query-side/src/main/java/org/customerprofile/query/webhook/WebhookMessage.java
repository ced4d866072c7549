package org.customerprofile.query.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One delivery's request: the body and the headers that sign it, as each format's receivers verify them.
 *
 * @param body    the JSON body, sent byte for byte as signed
 * @param headers the format's headers, by name
 */
record WebhookMessage(String body, Map<String, String> headers) {

    /**
     * A {@code standard} delivery: Standard Webhooks' {@code webhook-id}, {@code webhook-timestamp} and
     * {@code webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">}.
     */
    static WebhookMessage standard(String eventJson, String webhookId, long timestamp, WebhookSecret secret) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("webhook-id", webhookId);
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", standardSignature(secret, webhookId, timestamp, eventJson));
        return new WebhookMessage(eventJson, headers);
    }

    /**
     * An {@code acquired} delivery of a created customer: {@code customer_new} with headers {@code Company-Id},
     * {@code Webhook-Version: 2} and {@code Hash}, the lower-case hex HMAC-SHA256 of the body without whitespace
     * keyed by the secret. Ids are UUIDs, so the body has no whitespace to remove.
     */
    static WebhookMessage acquired(String webhookId, long timestamp, String companyId, String customerId, WebhookSecret secret) {
        String body = "{\"webhook_type\":\"customer_new\",\"webhook_id\":\"" + uuid(webhookId) + "\",\"timestamp\":" + timestamp
                + ",\"webhook_body\":{\"customer_id\":\"" + uuid(customerId) + "\"}}";
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Company-Id", uuid(companyId));
        headers.put("Webhook-Version", "2");
        headers.put("Hash", acquiredHash(secret, body));
        return new WebhookMessage(body, headers);
    }

    static String standardSignature(WebhookSecret secret, String webhookId, long timestamp, String body) {
        byte[] mac = hmac(secret.standardKey(), webhookId + "." + timestamp + "." + body);
        return "v1," + Base64.getEncoder().encodeToString(mac);
    }

    static String acquiredHash(WebhookSecret secret, String body) {
        return HexFormat.of().formatHex(hmac(secret.acquiredKey(), body.replaceAll("\\s", "")));
    }

    private static byte[] hmac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** A UUID as the acquired body carries it: lower case; anything else would break the JSON it goes into. */
    private static String uuid(String id) {
        return java.util.UUID.fromString(id).toString();
    }
}
