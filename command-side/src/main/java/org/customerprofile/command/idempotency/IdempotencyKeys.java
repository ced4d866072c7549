package org.customerprofile.command.idempotency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.customerprofile.command.eventstore.StoreFailure;
import org.customerprofile.command.eventstore.StoreUnavailableException;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code Idempotency-Key}s, per company, kept {@code customers.idempotency.retention} in
 * PostgreSQL. A key is recorded by {@link IdempotencyRecorder} in the transaction of its request's
 * events; here: reading what an earlier request with the key did, and forgetting expired keys.
 */
@Component
public class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";
    static final String KEY = "idempotencyKey";
    static final String REQUEST_HASH = "idempotencyRequestHash";
    static final String CUSTOMER_ID = "idempotencyCustomerId";

    private static final ObjectMapper CANONICAL = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final JdbcTemplate jdbc;
    private final Duration retention;

    IdempotencyKeys(JdbcTemplate jdbc, IdempotencyProperties properties) {
        this.jdbc = jdbc;
        this.retention = properties.retention();
    }

    /** Whether a header value can be a key: 1 to 255 characters, not only blanks. */
    public static boolean acceptable(String key) {
        return !key.isBlank() && key.length() <= 255;
    }

    /** A request that may carry a key; {@code key} may be null (no header), which makes every method a no-op. */
    public Request request(UUID companyId, String key, String method, String path, JsonNode body) {
        if (key == null) {
            return new Request(null, null, null);
        }
        if (!acceptable(key)) {
            throw new IllegalArgumentException("not an idempotency key: " + key.length() + " characters");
        }
        return new Request(companyId, key, hash(method + " " + path + "\n" + canonical(body)));
    }

    /** What an earlier request with the same key did: acted on {@code customerId}; {@code sameRequest} if it had this method, path and body. */
    public record Earlier(UUID customerId, boolean sameRequest) {
    }

    /** One request's key, company and body fingerprint. */
    public final class Request {

        private final UUID companyId;
        private final String key;
        private final String requestHash;

        private Request(UUID companyId, String key, String requestHash) {
            this.companyId = companyId;
            this.key = key;
            this.requestHash = requestHash;
        }

        /**
         * What an earlier request with this key did, if there was one.
         *
         * @throws StoreUnavailableException if PostgreSQL cannot be reached
         */
        public Optional<Earlier> earlier() {
            if (key == null) {
                return Optional.empty();
            }
            List<Map<String, Object>> rows;
            try {
                rows = jdbc.queryForList(
                        "SELECT request_hash, customer_id FROM idempotency_key WHERE company_id = ? AND key = ? AND created_at > now() - ?::interval",
                        companyId, key, retention.toSeconds() + " seconds");
            } catch (DataAccessException e) {
                if (StoreFailure.of(e) == StoreFailure.UNREACHABLE) {
                    throw new StoreUnavailableException(e);
                }
                throw e;
            }
            return rows.stream().findFirst()
                    .map(row -> new Earlier((UUID) row.get("customer_id"), requestHash.equals(row.get("request_hash"))));
        }

        /** Command metadata that makes {@link IdempotencyRecorder} record the key with the command's events. */
        public Map<String, String> metaData(UUID customerId) {
            if (key == null) {
                return Map.of();
            }
            return Map.of(KEY, key, REQUEST_HASH, requestHash, CUSTOMER_ID, customerId.toString());
        }
    }

    /** Inserts the key, or takes over an expired one; fails if a live request already holds it. */
    void record(UUID companyId, String key, String requestHash, UUID customerId) {
        int recorded = jdbc.update("""
                INSERT INTO idempotency_key (company_id, key, request_hash, customer_id) VALUES (?, ?, ?, ?)
                ON CONFLICT (company_id, key) DO UPDATE
                   SET request_hash = excluded.request_hash, customer_id = excluded.customer_id, created_at = now()
                 WHERE idempotency_key.created_at <= now() - ?::interval""",
                companyId, key, requestHash, customerId, retention.toSeconds() + " seconds");
        if (recorded == 0) {
            throw new IdempotencyKeyInUseException();
        }
    }

    void forgetExpired() {
        jdbc.update("DELETE FROM idempotency_key WHERE created_at <= now() - ?::interval", retention.toSeconds() + " seconds");
    }

    private static String canonical(JsonNode body) {
        try {
            return CANONICAL.writeValueAsString(CANONICAL.treeToValue(body, Object.class));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
