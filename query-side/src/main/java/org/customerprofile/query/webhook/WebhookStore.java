package org.customerprofile.query.webhook;

import java.net.URI;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/** The {@code webhook} table: registrations, always read and changed within one company. */
class WebhookStore {

    private static final String COLUMNS = "webhook_id, company_id, url, events, format, description, enabled, disabled_reason, created, last_updated";
    private static final RowMapper<Webhook> WEBHOOK = WebhookStore::webhook;

    private final JdbcTemplate jdbc;
    private final WebhookSecrets secrets;

    WebhookStore(JdbcTemplate jdbc, WebhookSecrets secrets) {
        this.jdbc = jdbc;
        this.secrets = secrets;
    }

    Webhook create(UUID companyId, URI url, List<String> events, WebhookFormat format, String description, boolean enabled,
                   WebhookSecret secret) {
        UUID id = UUID.randomUUID();
        return jdbc.queryForObject("INSERT INTO webhook (webhook_id, company_id, url, events, format, secret, description, enabled, created, last_updated) "
                        + "VALUES (?, ?, ?, ?::text[], ?, ?, ?, ?, now(), now()) RETURNING " + COLUMNS,
                WEBHOOK, id, companyId, url.toString(), textArray(events), format.code(), secrets.seal(secret, id), description, enabled);
    }

    Optional<Webhook> find(UUID companyId, UUID webhookId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM webhook WHERE webhook_id = ? AND company_id = ?", WEBHOOK, webhookId, companyId)
                .stream().findFirst();
    }

    /** A page of the company's webhooks, newest first. */
    List<Webhook> list(UUID companyId, int limit, int offset) {
        return jdbc.query("SELECT " + COLUMNS + " FROM webhook WHERE company_id = ? ORDER BY created DESC, webhook_id DESC LIMIT ? OFFSET ?",
                WEBHOOK, companyId, limit, offset);
    }

    long count(UUID companyId) {
        return jdbc.queryForObject("SELECT count(*) FROM webhook WHERE company_id = ?", Long.class, companyId);
    }

    /** Replaces what a merchant may change; enabling clears the reason the service disabled it for. */
    Optional<Webhook> update(UUID companyId, UUID webhookId, URI url, List<String> events, String description, boolean enabled) {
        return jdbc.query("UPDATE webhook SET url = ?, events = ?::text[], description = ?, enabled = ?, "
                        + "disabled_reason = CASE WHEN ? THEN NULL ELSE disabled_reason END, "
                        + "failing_since = CASE WHEN ? AND NOT enabled THEN NULL ELSE failing_since END, last_updated = now() "
                        + "WHERE webhook_id = ? AND company_id = ? RETURNING " + COLUMNS,
                WEBHOOK, url.toString(), textArray(events), description, enabled, enabled, enabled, webhookId, companyId).stream().findFirst();
    }

    /** Deletes the webhook and every delivery of it; false when the company has no such webhook. */
    boolean delete(UUID companyId, UUID webhookId) {
        return jdbc.update("DELETE FROM webhook WHERE webhook_id = ? AND company_id = ?", webhookId, companyId) == 1;
    }

    /** What a delivery needs of its webhook: the target, the format, the secret; empty once deleted. */
    Optional<Target> target(UUID webhookId) {
        return jdbc.query("SELECT url, format, secret, company_id, enabled FROM webhook WHERE webhook_id = ?",
                (row, n) -> new Target(webhookId, UUID.fromString(row.getString("company_id")), URI.create(row.getString("url")),
                        WebhookFormat.of(row.getString("format")).orElseThrow(),
                        secrets.open(row.getBytes("secret"), webhookId), row.getBoolean("enabled")),
                webhookId).stream().findFirst();
    }

    /** A webhook as its deliveries are sent. */
    record Target(UUID webhookId, UUID companyId, URI url, WebhookFormat format, WebhookSecret secret, boolean enabled) {
    }

    /**
     * Successful answers, the last at {@code lastAnswer}: the webhook is not failing, unless it failed again since
     * (answers are recorded a batch at a time, a failure at once).
     */
    void succeeded(UUID webhookId, Instant lastAnswer) {
        jdbc.update("UPDATE webhook SET failing_since = NULL WHERE webhook_id = ? AND failing_since <= ?", webhookId, Timestamp.from(lastAnswer));
    }

    /**
     * A failed attempt made at {@code attemptedAt}: the webhook is failing since its first failure after the last
     * success. It is disabled once that is {@code maxAgeSeconds} ago, or when a delivery is given up
     * ({@code givenUpFirstAttempt}, that delivery's first attempt) and the webhook has failed ever since that
     * delivery was first tried. Answers whether this disabled it.
     */
    boolean failed(UUID webhookId, long maxAgeSeconds, Instant attemptedAt, Instant givenUpFirstAttempt) {
        jdbc.update("UPDATE webhook SET failing_since = ? WHERE webhook_id = ? AND failing_since IS NULL", Timestamp.from(attemptedAt), webhookId);
        return jdbc.update("UPDATE webhook SET enabled = false, last_updated = now(), disabled_reason = "
                        + "'disabled by the service: every delivery failed since ' || to_char(failing_since AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') "
                        + "WHERE webhook_id = ? AND enabled AND (failing_since < now() - make_interval(secs => ?) OR failing_since <= ?::timestamptz)",
                webhookId, maxAgeSeconds, givenUpFirstAttempt == null ? null : Timestamp.from(givenUpFirstAttempt)) == 1;
    }

    private static String textArray(List<String> values) {
        // event type names are [a-z.] only: no quoting needed inside the array literal
        return "{" + String.join(",", values) + "}";
    }

    private static Webhook webhook(ResultSet row, int n) throws SQLException {
        Array events = row.getArray("events");
        return new Webhook(UUID.fromString(row.getString("webhook_id")), UUID.fromString(row.getString("company_id")),
                URI.create(row.getString("url")), Arrays.asList((String[]) events.getArray()),
                WebhookFormat.of(row.getString("format")).orElseThrow(), row.getString("description"), row.getBoolean("enabled"),
                row.getString("disabled_reason"), instant(row.getTimestamp("created")), instant(row.getTimestamp("last_updated")));
    }

    static java.time.Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
