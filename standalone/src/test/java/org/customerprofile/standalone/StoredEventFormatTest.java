package org.customerprofile.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.customerprofile.api.customer.CustomerCreated;
import org.customerprofile.api.customer.CustomerField;
import org.customerprofile.api.customer.CustomerUpdated;
import org.customerprofile.api.customer.FieldChange;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Events exactly as the release before the typed field catalogue stored them (captured from its event
 * store, in {@code stored-events/}) load with no upcaster, are written again in the same shape (their personal
 * values sealed in one member {@code personal}, as {@code PersonalValues} describes), and serve the same
 * customer, history and published events.
 */
@StandaloneTest
class StoredEventFormatTest {

    private static final String CAPTURED_ID = "6646caaf-b9c1-4642-a1f2-c0976a5d8d3f";
    private static final String CREATED_TYPE = CustomerCreated.class.getName();
    private static final String UPDATED_TYPE = CustomerUpdated.class.getName();

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    @Qualifier("eventSerializer")
    Serializer events;

    @Test
    void storedEventsLoadAsTypedEvents() {
        CustomerCreated created = read("customer-created.json", CREATED_TYPE, "1");
        CustomerUpdated updated = read("customer-updated-1.json", UPDATED_TYPE, null);

        assertThat(created.profile().values()).hasSize(CustomerField.values().length)
                .containsEntry(CustomerField.FIRST_NAME, "Zoë")
                .containsEntry(CustomerField.BILLING_ADDRESS_COUNTRY_CODE, "GB")
                .containsEntry(CustomerField.SHIPPING_ADDRESS_MATCH, false);
        assertThat(updated.changes()).hasSize(10)
                .containsEntry(CustomerField.REFERENCE, new FieldChange("Capture-1", "capture-2"))
                .containsEntry(CustomerField.LAST_NAME, new FieldChange("O'Brien", null))
                .containsEntry(CustomerField.SHIPPING_ADDRESS_MATCH, new FieldChange(false, true));
    }

    @Test
    void typedEventsAreWrittenInTheSameShapeWithPersonalValuesEncrypted() {
        for (String[] stored : new String[][] {{"customer-created.json", CREATED_TYPE, "1"},
                {"customer-updated-1.json", UPDATED_TYPE, null}, {"customer-updated-2.json", UPDATED_TYPE, null}}) {
            Object event = read(stored[0], stored[1], stored[2]);

            SerializedObject<byte[]> written = events.serialize(event, byte[].class);

            String text = new String(written.getData(), StandardCharsets.UTF_8);
            List<String> sameShapePlusSealedValues = new ArrayList<>(fieldNames(ApiClient.json(resource(stored[0]))));
            sameShapePlusSealedValues.add("personal");
            assertThat(fieldNames(ApiClient.json(text))).as(stored[0]).isEqualTo(sameShapePlusSealedValues);
            assertThat(text).as(stored[0]).doesNotContain("Zoë", "O'Brien", "example.com", "apture", "High Street", "10.0.0.1");
            assertThat((Object) events.deserialize(written)).as(stored[0]).isEqualTo(event);
        }
    }

    @Test
    void aCustomerStoredBeforeIsServedPublishedAndUpdatedAsBefore() {
        ApiClient company1 = ApiClient.company1(port);
        String id = UUID.randomUUID().toString();
        insert(id, 0, CREATED_TYPE, "1", "customer-created.json");
        insert(id, 1, UPDATED_TYPE, null, "customer-updated-1.json");
        insert(id, 2, UPDATED_TYPE, null, "customer-updated-2.json");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(company1.get("/v1/customers/" + id).body().path("ip").asText()).as("projected").isEqualTo("10.0.0.1"));

        assertThat(withoutIdsAndTimes(company1.get("/v1/customers/" + id).body()))
                .isEqualTo(withoutIdsAndTimes(ApiClient.json(resource("customer.json"))));
        JsonNode history = company1.get("/v1/customers/" + id + "/events").body().get("data");
        JsonNode published = ApiClient.json(resource("published.json"));
        assertThat(history).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(history.get(i).get("type")).isEqualTo(published.get(i).get("type"));
            assertThat(history.get(i).get("sequence")).isEqualTo(published.get(i).get("sequence"));
            assertThat(history.get(i).get("changes")).as("event %d", i + 1).isEqualTo(published.get(i).get("changes"));
            assertThat(fieldNames(history.get(i).get("changes"))).as("field order of event %d", i + 1)
                    .isEqualTo(fieldNames(published.get(i).get("changes")));
        }

        ApiClient.Response update = company1.put("/v1/customers/" + id, Map.of("last_name", "Brewster"));

        assertThat(update.status()).as(update.toString()).isEqualTo(200);
        assertThat(company1.get("/v1/customers/" + id).body().get("last_name").asText()).isEqualTo("Brewster");
        assertThat(company1.get("/v1/customers?reference=Capture-2").body().at("/data/0/customer_id").asText())
                .as("found by the reference the old events gave it").isEqualTo(id);
    }

    private <T> T read(String name, String type, String revision) {
        return events.deserialize(new SimpleSerializedObject<>(resource(name).getBytes(StandardCharsets.UTF_8), byte[].class, type, revision));
    }

    /** A row as the JDBC event store writes one, holding the captured payload under a fresh customer id. */
    private void insert(String id, long sequence, String type, String revision, String payload) {
        jdbc.update("""
                        INSERT INTO DomainEventEntry (aggregateIdentifier, sequenceNumber, type, eventIdentifier, metaData,
                                                      payload, payloadRevision, payloadType, timeStamp)
                        VALUES (?, ?, 'Customer', ?, ?, ?, ?, ?, ?)""",
                id, sequence, UUID.randomUUID().toString(),
                "{\"companyId\":\"%s\",\"appId\":\"company1\"}".formatted(ApiClient.COMPANY_1).getBytes(StandardCharsets.UTF_8),
                resource(payload).replace(CAPTURED_ID, id).getBytes(StandardCharsets.UTF_8), revision, type,
                DateTimeUtils.formatInstant(Instant.now()));
    }

    private static JsonNode withoutIdsAndTimes(JsonNode customer) {
        ObjectNode copy = customer.deepCopy();
        copy.remove(List.of("customer_id", "created", "last_updated"));
        return copy;
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String resource(String name) {
        try (InputStream in = StoredEventFormatTest.class.getResourceAsStream("/stored-events/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
