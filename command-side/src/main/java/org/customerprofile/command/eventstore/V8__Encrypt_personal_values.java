package org.customerprofile.command.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.customerprofile.api.customer.CustomerCreated;
import org.customerprofile.api.customer.CustomerUpdated;
import org.customerprofile.command.reference.ReferenceSaga;
import org.customerprofile.personal.DataKeys;
import org.customerprofile.personal.MasterKey;
import org.customerprofile.personal.PersonalValues;
import org.customerprofile.personal.ReferenceHashes;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;

/**
 * Brings a store written before personal values were encrypted up to date, once: the plain personal values of
 * each customer event (and of each parked dead letter) are sealed together, in the form events are written in
 * ({@link PersonalValues}: one ciphertext per event), under a new data key of its customer, and
 * every reference claim — its identifier, its events, its saga and the saga's associations — is rewritten to
 * the reference's keyed hash. Snapshots are dropped (they are a cache; none are configured). Flyway runs it in
 * one PostgreSQL transaction, so a crash midway leaves the store as it was and the next start runs it again;
 * an event or claim already converted is left alone.
 */
@Component
class V8__Encrypt_personal_values extends BaseJavaMigration {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> CUSTOMER_EVENT_TYPES = List.of(CustomerCreated.class.getName(), CustomerUpdated.class.getName());

    private final MasterKey masterKey;
    private final ReferenceHashes hashes;

    V8__Encrypt_personal_values(MasterKey masterKey, ReferenceHashes hashes) {
        this.masterKey = masterKey;
        this.hashes = hashes;
    }

    @Override
    public void migrate(Context context) throws IOException {
        JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(context.getConnection(), true));
        // cached for this run only: its rows are in this migration's transaction
        DataKeys keys = new DataKeys(jdbc, masterKey, 10_000, Duration.ofHours(1));
        encrypt(jdbc, keys, "DomainEventEntry", "globalIndex");
        encrypt(jdbc, keys, "DeadLetterEntry", "deadLetterIdentifier");
        jdbc.update("DELETE FROM SnapshotEventEntry");
        Map<String, String> claimIds = hashClaimEvents(jdbc);
        hashSagas(jdbc, claimIds);
    }

    private static void encrypt(JdbcTemplate jdbc, DataKeys keys, String table, String id) throws IOException {
        String select = "SELECT " + id + ", payloadType, payload FROM " + table + " WHERE payloadType IN (?, ?)";
        List<Object[]> rows = jdbc.query(select, (row, n) -> new Object[] {row.getObject(1), row.getString(2), row.getBytes(3)},
                CUSTOMER_EVENT_TYPES.get(0), CUSTOMER_EVENT_TYPES.get(1));
        for (Object[] row : rows) {
            ObjectNode payload = (ObjectNode) JSON.readTree((byte[]) row[2]);
            ObjectNode encrypted = PersonalValues.encrypt((String) row[1], payload.deepCopy(), keys::forWriting);
            if (!encrypted.equals(payload)) {
                jdbc.update("UPDATE " + table + " SET payload = ? WHERE " + id + " = ?", JSON.writeValueAsBytes(encrypted), row[0]);
            }
        }
    }

    /** Rewrites each claim's events to its hash; returns the new identifier of every old one. */
    private Map<String, String> hashClaimEvents(JdbcTemplate jdbc) throws IOException {
        Map<String, String> claimIds = new HashMap<>();
        List<Object[]> rows = jdbc.query("SELECT globalIndex, aggregateIdentifier, payload FROM DomainEventEntry WHERE type = 'ReferenceClaim'",
                (row, n) -> new Object[] {row.getLong(1), row.getString(2), row.getBytes(3)});
        for (Object[] row : rows) {
            ObjectNode payload = (ObjectNode) JSON.readTree((byte[]) row[2]);
            if (!payload.has("reference")) {
                continue;
            }
            UUID companyId = UUID.fromString(payload.get("companyId").asText());
            String hash = hashes.of(companyId, payload.remove("reference").asText());
            String claimId = "reference/" + companyId + "/" + hash;
            claimIds.put((String) row[1], claimId);
            payload.put("claimId", claimId);
            payload.put("referenceHash", hash);
            jdbc.update("UPDATE DomainEventEntry SET aggregateIdentifier = ?, payload = ? WHERE globalIndex = ?",
                    claimId, JSON.writeValueAsBytes(payload), row[0]);
        }
        return claimIds;
    }

    private static void hashSagas(JdbcTemplate jdbc, Map<String, String> claimIds) throws IOException {
        List<Object[]> sagas = jdbc.query("SELECT sagaId, serializedSaga FROM SagaEntry WHERE sagaType = ?",
                (row, n) -> new Object[] {row.getString(1), row.getBytes(2)}, ReferenceSaga.class.getName());
        for (Object[] saga : sagas) {
            ObjectNode state = (ObjectNode) JSON.readTree((byte[]) saga[1]);
            JsonNode claimId = state.get("claimId");
            if (!state.has("reference") || claimId == null || !claimIds.containsKey(claimId.asText())) {
                continue;
            }
            String newId = claimIds.get(claimId.asText());
            state.remove("reference");
            state.put("claimId", newId);
            state.put("referenceHash", newId.substring(newId.lastIndexOf('/') + 1));
            jdbc.update("UPDATE SagaEntry SET serializedSaga = ? WHERE sagaId = ?", JSON.writeValueAsBytes(state), saga[0]);
        }
        claimIds.forEach((oldId, newId) -> jdbc.update(
                "UPDATE AssociationValueEntry SET associationValue = ? WHERE associationKey = 'claimId' AND associationValue = ?", newId, oldId));
    }
}
