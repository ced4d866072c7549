package org.customerprofile.query.webhook;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * The {@code webhook_delivery} table. Several processes may send from it at once: a delivery is leased to
 * one of them ({@code SELECT … FOR UPDATE SKIP LOCKED}, setting {@code leased_until}) while it is sent, and a
 * customer's next delivery to a webhook is due only once every earlier one is delivered or given up.
 */
class DeliveryStore {

    private static final String COLUMNS = "delivery_id, webhook_id, event_id, event_position, event_type, customer_id, sequence, occurred_at, "
            + "status, attempts, last_status_code, last_error, next_attempt_at, give_up_at, created, delivered_at";
    private static final RowMapper<Delivery> DELIVERY = DeliveryStore::delivery;

    private final JdbcTemplate jdbc;

    DeliveryStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Plans {@code event}'s delivery to every enabled webhook of its company that takes its type and existed
     * when it occurred; in the caller's transaction. A replayed event plans nothing twice. Answers how many.
     */
    int plan(String companyId, String eventId, long position, String type, String customerId, long sequence, Instant occurredAt,
             Duration maxAge) {
        return jdbc.update("""
                        INSERT INTO webhook_delivery (delivery_id, webhook_id, event_id, event_position, event_type, customer_id, sequence,
                                                      occurred_at, status, next_attempt_at, give_up_at, created)
                        SELECT gen_random_uuid(), w.webhook_id, ?, ?, ?, ?, ?, ?, 'pending', now(), ?::timestamptz + make_interval(secs => ?), now()
                        FROM webhook w
                        WHERE w.company_id = ?::uuid AND w.enabled AND ? = ANY (w.events) AND w.created <= ?
                        ON CONFLICT (webhook_id, event_id) DO NOTHING""",
                eventId, position, type, customerId, sequence, Timestamp.from(occurredAt), Timestamp.from(occurredAt),
                (double) maxAge.toSeconds(), companyId, type, Timestamp.from(occurredAt));
    }

    /** Enabled webhooks with a delivery due now that nobody holds, at most {@code limit}. */
    List<UUID> webhooksWithDueDeliveries(int limit) {
        return jdbc.query("""
                        SELECT DISTINCT d.webhook_id FROM webhook_delivery d JOIN webhook w ON w.webhook_id = d.webhook_id
                        WHERE d.status = 'pending' AND d.next_attempt_at <= now() AND (d.leased_until IS NULL OR d.leased_until < now())
                          AND w.enabled
                        LIMIT ?""",
                (row, n) -> UUID.fromString(row.getString(1)), limit);
    }

    /**
     * The webhook's due deliveries, at most {@code limit}, leased to this process for {@code lease}, oldest due
     * first: each due, not held by another, and the oldest not yet finished of its customer — so at most one per
     * customer, and the batch can be sent in any order. One statement, whose cost grows with the batch and the
     * deliveries it skips (held, or waiting for an older one of their customer), not with the whole backlog:
     * {@code webhook_delivery_due_of_webhook} hands the pending rows over in the order wanted.
     */
    List<Delivery> lease(UUID webhookId, Duration lease, int limit) {
        return jdbc.query("WITH due AS (SELECT d.delivery_id FROM webhook_delivery d "
                        + "WHERE d.webhook_id = ? AND d.status = 'pending' AND d.next_attempt_at <= now() "
                        + "AND (d.leased_until IS NULL OR d.leased_until < now()) "
                        // a scalar subquery rather than NOT EXISTS: PostgreSQL cannot turn it into an anti-join, which it
                        // planned as a nested loop over every pending delivery (seconds) when its statistics were stale
                        + "AND d.sequence = (SELECT min(e.sequence) FROM webhook_delivery e WHERE e.webhook_id = d.webhook_id "
                        + "AND e.customer_id = d.customer_id AND e.status = 'pending') "
                        + "ORDER BY d.next_attempt_at, d.event_position LIMIT ? FOR UPDATE SKIP LOCKED) "
                        + "UPDATE webhook_delivery l SET leased_until = now() + make_interval(secs => ?) FROM due "
                        + "WHERE l.delivery_id = due.delivery_id RETURNING " + qualified("l"),
                DELIVERY, webhookId, limit, lease.toMillis() / 1000.0).stream()
                .sorted(Comparator.comparing(Delivery::nextAttemptAt).thenComparingLong(Delivery::eventPosition))
                .toList();
    }

    /**
     * Extends the lease of those of {@code deliveryIds} this process still holds (pending, lease not run out) by
     * {@code lease} from now; answers them. One whose lease ran out may have been leased by another process
     * meanwhile: it is not sent from here.
     */
    Set<UUID> renew(Collection<UUID> deliveryIds, Duration lease) {
        return new HashSet<>(jdbc.query("UPDATE webhook_delivery SET leased_until = now() + make_interval(secs => ?) "
                        + "WHERE delivery_id = ANY (?::uuid[]) AND status = 'pending' AND leased_until > now() RETURNING delivery_id",
                (row, n) -> UUID.fromString(row.getString(1)), lease.toMillis() / 1000.0, uuids(deliveryIds)));
    }

    /** Gives back the leases this process still holds on {@code deliveryIds}, unsent: due again now, for any process. */
    void release(Collection<UUID> deliveryIds) {
        jdbc.update("UPDATE webhook_delivery SET leased_until = NULL WHERE delivery_id = ANY (?::uuid[]) AND status = 'pending' AND leased_until > now()",
                (Object) uuids(deliveryIds));
    }

    private static String[] uuids(Collection<UUID> ids) {
        return ids.stream().map(UUID::toString).toArray(String[]::new);
    }

    private static String qualified(String alias) {
        return Arrays.stream(COLUMNS.split(", ")).map(column -> alias + "." + column).collect(Collectors.joining(", "));
    }

    /**
     * Records 2xx answers, one statement for a batch's worth: each delivered, at the time its answer came. A
     * customer's next delivery becomes due only once this has run.
     */
    void delivered(List<Answer> answers) {
        if (answers.isEmpty()) {
            return;
        }
        jdbc.update("""
                        UPDATE webhook_delivery d SET status = 'delivered', attempts = d.attempts + 1, last_status_code = a.status_code,
                               last_error = NULL, delivered_at = a.answered_at, leased_until = NULL
                        FROM unnest(?::uuid[], ?::int[], ?::timestamptz[]) AS a(delivery_id, status_code, answered_at)
                        WHERE d.delivery_id = a.delivery_id""",
                answers.stream().map(answer -> answer.deliveryId().toString()).toArray(String[]::new),
                answers.stream().map(Answer::statusCode).toArray(Integer[]::new),
                answers.stream().map(answer -> answer.answeredAt().toString()).toArray(String[]::new));
    }

    /** A delivery's 2xx answer. */
    record Answer(UUID deliveryId, int statusCode, Instant answeredAt) {
    }

    /**
     * A failed attempt made at {@code attemptedAt}: tried again after {@code wait}, or given up (status {@code failed})
     * once its give-up time has passed. Empty when the delivery is gone (its webhook was deleted meanwhile).
     */
    Optional<Failure> failed(UUID deliveryId, Integer statusCode, String error, Duration wait, Instant attemptedAt) {
        return jdbc.query("""
                        UPDATE webhook_delivery SET attempts = attempts + 1, last_status_code = ?, last_error = ?, leased_until = NULL,
                               first_attempt_at = coalesce(first_attempt_at, ?),
                               status = CASE WHEN now() >= give_up_at THEN 'failed' ELSE 'pending' END,
                               next_attempt_at = now() + make_interval(secs => ?)
                        WHERE delivery_id = ? RETURNING status, first_attempt_at""",
                (row, n) -> new Failure(Delivery.FAILED.equals(row.getString("status")), row.getTimestamp("first_attempt_at").toInstant()),
                statusCode, error, Timestamp.from(attemptedAt), wait.toMillis() / 1000.0, deliveryId).stream().findFirst();
    }

    /** How a failed attempt left its delivery: given up or not, and when it was first tried. */
    record Failure(boolean givenUp, Instant firstAttemptAt) {
    }

    /** A page of the webhook's deliveries, newest first. */
    List<Delivery> list(UUID webhookId, int limit, int offset) {
        return jdbc.query("SELECT " + COLUMNS + " FROM webhook_delivery WHERE webhook_id = ? ORDER BY created DESC, event_position DESC LIMIT ? OFFSET ?",
                DELIVERY, webhookId, limit, offset);
    }

    long count(UUID webhookId) {
        return jdbc.queryForObject("SELECT count(*) FROM webhook_delivery WHERE webhook_id = ?", Long.class, webhookId);
    }

    /**
     * Makes the delivery due now. One that was already finished (delivered, or given up) gets one more attempt:
     * pending again, given up if that attempt fails.
     */
    Optional<Delivery> retryNow(UUID webhookId, UUID deliveryId) {
        return jdbc.query("UPDATE webhook_delivery SET next_attempt_at = now(), "
                        + "give_up_at = CASE WHEN status = 'pending' THEN give_up_at ELSE now() END, status = 'pending' "
                        + "WHERE webhook_id = ? AND delivery_id = ? RETURNING " + COLUMNS,
                DELIVERY, webhookId, deliveryId).stream().findFirst();
    }

    private static Delivery delivery(ResultSet row, int n) throws SQLException {
        return new Delivery(UUID.fromString(row.getString("delivery_id")), UUID.fromString(row.getString("webhook_id")),
                row.getString("event_id"), row.getLong("event_position"), row.getString("event_type"), row.getString("customer_id"),
                row.getLong("sequence"), instant(row, "occurred_at"), row.getString("status"), row.getInt("attempts"),
                row.getObject("last_status_code", Integer.class), row.getString("last_error"), instant(row, "next_attempt_at"), instant(row, "give_up_at"),
                instant(row, "created"), instant(row, "delivered_at"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp timestamp = row.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
