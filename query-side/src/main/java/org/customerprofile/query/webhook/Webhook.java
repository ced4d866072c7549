package org.customerprofile.query.webhook;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A merchant's endpoint and what it is sent.
 *
 * @param events         the event types delivered, in the published names ({@code customer.created}, …)
 * @param disabledReason why the service disabled it; {@code null} unless it did
 */
record Webhook(UUID webhookId, UUID companyId, URI url, List<String> events, WebhookFormat format, String description,
               boolean enabled, String disabledReason, Instant created, Instant lastUpdated) {
}
