package org.customerprofile.query.webhook;

import java.time.Instant;
import java.util.UUID;

/**
 * One event owed to one webhook, and how sending it went so far. Holds no personal value: the body is made
 * from the event store when it is sent.
 *
 * @param status         {@code pending}, {@code delivered} or {@code failed} (given up)
 * @param lastStatusCode the endpoint's last answer, if it answered
 * @param lastError      why the last attempt got no answer (timeout, refused connection, refused target)
 */
record Delivery(UUID deliveryId, UUID webhookId, String eventId, long eventPosition, String eventType, String customerId,
                long sequence, Instant occurredAt, String status, int attempts, Integer lastStatusCode, String lastError,
                Instant nextAttemptAt, Instant giveUpAt, Instant created, Instant deliveredAt) {

    static final String PENDING = "pending";
    static final String DELIVERED = "delivered";
    static final String FAILED = "failed";
}
