package org.customerprofile.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Events stored in an earlier shape are read by the current code through the upcaster: a
 * {@code CustomerCreated} row written as an earlier version wrote it (revision {@code null}, the profile
 * under {@code fields}, or already under {@code profile}) is projected, retrievable and updatable.
 */
@StandaloneTest
class UpcastingTest {

    private static final String CUSTOMER_CREATED = "org.customerprofile.api.customer.CustomerCreated";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @ParameterizedTest(name = "profile stored under \"{0}\"")
    @ValueSource(strings = {"fields", "profile"})
    void aCustomerCreatedStoredWithoutRevisionIsReadAndUpdatedByTheCurrentCode(String profileName) {
        ApiClient company1 = ApiClient.company1(port);
        UUID id = UUID.randomUUID();
        insertUnrevisionedCreation(id, """
                {"customerId": "%s", "companyId": "%s",
                 "%s": {"first_name": "Grace", "last_name": "Brewster", "billing.address.city": "Arlington"}}"""
                .formatted(id, ApiClient.COMPANY_1, profileName));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(company1.get("/v1/customers/" + id).status()).as("projected").isEqualTo(200));
        JsonNode created = company1.get("/v1/customers/" + id).body();
        assertThat(created.get("first_name").asText()).isEqualTo("Grace");
        assertThat(created.at("/billing/address/city").asText()).isEqualTo("Arlington");

        ApiClient.Response update = company1.put("/v1/customers/" + id, Map.of("last_name", "Hopper"));

        assertThat(update.status()).as(update.toString()).isEqualTo(200);
        JsonNode updated = company1.get("/v1/customers/" + id).body();
        assertThat(updated.get("first_name").asText()).isEqualTo("Grace");
        assertThat(updated.get("last_name").asText()).isEqualTo("Hopper");
        assertThat(updated.at("/billing/address/city").asText()).isEqualTo("Arlington");
        JsonNode change = company1.get("/v1/customers/" + id + "/events").body().at("/data/1/changes/last_name");
        assertThat(change.get("old").asText()).as("the aggregate's state came from the old event").isEqualTo("Brewster");
        assertThat(change.get("new").asText()).isEqualTo("Hopper");
    }

    @Test
    void newCustomerCreatedEventsAreStoredAsRevisionOne() {
        String id = ApiClient.company1(port).create(Map.of("first_name", "Ada"));

        assertThat(jdbc.queryForObject("SELECT payloadRevision FROM DomainEventEntry WHERE aggregateIdentifier = ? AND sequenceNumber = 0",
                String.class, id)).isEqualTo("1");
        assertThat(storedPayload(UUID.fromString(id), 0)).contains("\"profile\"").doesNotContain("\"fields\"");
    }

    /** A row as the JDBC event store writes one, but with the payload and revision an earlier version stored. */
    private void insertUnrevisionedCreation(UUID id, String payload) {
        jdbc.update("""
                        INSERT INTO DomainEventEntry (aggregateIdentifier, sequenceNumber, type, eventIdentifier, metaData,
                                                      payload, payloadRevision, payloadType, timeStamp)
                        VALUES (?, 0, 'Customer', ?, ?, ?, NULL, ?, ?)""",
                id.toString(), UUID.randomUUID().toString(),
                "{\"companyId\":\"%s\",\"appId\":\"company1\"}".formatted(ApiClient.COMPANY_1).getBytes(StandardCharsets.UTF_8),
                payload.getBytes(StandardCharsets.UTF_8), CUSTOMER_CREATED, DateTimeUtils.formatInstant(Instant.now()));
    }

    private String storedPayload(UUID id, long sequence) {
        byte[] payload = jdbc.queryForObject("SELECT payload FROM DomainEventEntry WHERE aggregateIdentifier = ? AND sequenceNumber = ?",
                byte[].class, id.toString(), sequence);
        return new String(payload, StandardCharsets.UTF_8);
    }
}
