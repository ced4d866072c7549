package org.customerprofile.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A customer's audit history ({@code /events}) and past states ({@code ?version}, {@code ?as_of}), from the event store. */
@StandaloneTest
class CustomerHistoryTest {

    @LocalServerPort
    int port;
    ApiClient company1;
    String reference;
    String requestIds;

    @BeforeEach
    void logIn() {
        company1 = ApiClient.company1(port);
        String unique = UUID.randomUUID().toString().substring(0, 8);
        reference = "history_" + unique;
        requestIds = "history-" + unique;
    }

    @Test
    void eventsShowEveryChangeOldestFirstWithWhoAndWhy() {
        String id = customerWithFourEvents();

        ApiClient.Response response = company1.get("/v1/customers/" + id + "/events");

        assertThat(response.status()).isEqualTo(200);
        JsonNode events = response.body().get("data");
        assertThat(events).hasSize(4);
        for (int i = 0; i < 4; i++) {
            JsonNode event = events.get(i);
            assertThat(event.get("sequence").asLong()).isEqualTo(i + 1);
            assertThat(event.get("type").asText()).isEqualTo(i == 0 ? "customer.created" : "customer.updated");
            assertThat(event.get("schema_version").asInt()).isEqualTo(1);
            assertThat(event.get("company_id").asText()).isEqualTo(ApiClient.COMPANY_1);
            assertThat(event.get("customer_id").asText()).isEqualTo(id);
            assertThat(event.get("actor").asText()).isEqualTo("company1");
            assertThat(event.get("request_id").asText()).isEqualTo(requestIds + "-" + i);
            assertThat(UUID.fromString(event.get("event_id").asText())).isNotNull();
            assertThat(event.get("occurred_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            if (i > 0) {
                assertThat(event.get("position").asLong()).isGreaterThan(events.get(i - 1).get("position").asLong());
                assertThat(event.get("occurred_at").asText()).isGreaterThanOrEqualTo(events.get(i - 1).get("occurred_at").asText());
            }
        }
        assertThat(events.get(0).get("changes")).isEqualTo(ApiClient.json("""
                {"reference": {"old": null, "new": "%s"},
                 "first_name": {"old": null, "new": "Ada"},
                 "last_name": {"old": null, "new": "Lovelace"},
                 "billing.address.city": {"old": null, "new": "London"},
                 "billing.address.country_code": {"old": null, "new": "GB"},
                 "shipping.address_match": {"old": null, "new": true}}""".formatted(reference)));
        assertThat(fieldNames(events.get(0).get("changes"))).as("in the customer object's field order").containsExactly(
                "reference", "first_name", "last_name", "billing.address.city", "billing.address.country_code", "shipping.address_match");
        assertThat(events.get(1).get("changes")).isEqualTo(ApiClient.json("""
                {"reference": {"old": "%s", "new": "%s_renamed"}, "first_name": {"old": "Ada", "new": "Augusta"}}"""
                .formatted(reference, reference)));
        assertThat(events.get(2).get("changes")).as("a cleared field is new: null").isEqualTo(ApiClient.json("""
                {"last_name": {"old": "Lovelace", "new": null}}"""));
        assertThat(events.get(3).get("changes")).isEqualTo(ApiClient.json("""
                {"billing.address.city": {"old": "London", "new": "Leeds"}, "billing.address.postcode": {"old": null, "new": "LS1 4AP"}}"""));

        JsonNode current = company1.get("/v1/customers/" + id).body();
        assertThat(events.get(0).get("occurred_at").asText()).isEqualTo(current.get("created").asText());
        assertThat(events.get(3).get("occurred_at").asText()).isEqualTo(current.get("last_updated").asText());
    }

    @Test
    void eventsArePagedLikeTheList() {
        String id = customerWithFourEvents();
        company1.put("/v1/customers/" + id, Map.of("ip", "10.1.2.3"));
        String path = "/v1/customers/" + id + "/events";

        JsonNode first = company1.get(path + "?limit=2").body();

        assertThat(first.get("meta")).isEqualTo(ApiClient.json("""
                {"count": 2, "offset": 0, "limit": 2, "total": 5, "links": [
                  {"rel": "self", "href": "%1$s?limit=2&offset=0"},
                  {"rel": "first", "href": "%1$s?limit=2&offset=0", "title": "first page"},
                  {"rel": "last", "href": "%1$s?limit=2&offset=4", "title": "last page"},
                  {"rel": "prev", "href": "", "title": "prev page"},
                  {"rel": "next", "href": "%1$s?limit=2&offset=2", "title": "next page"}
                ]}""".formatted(path)));
        List<Long> sequences = new ArrayList<>();
        List<JsonNode> pages = company1.pages(path + "?limit=2");
        pages.forEach(page -> page.get("data").forEach(event -> sequences.add(event.get("sequence").asLong())));
        assertThat(pages).hasSize(3);
        assertThat(sequences).containsExactly(1L, 2L, 3L, 4L, 5L);

        JsonNode all = company1.get(path + "/").body();
        assertThat(all.at("/meta/limit").asInt()).isEqualTo(25);
        assertThat(all.at("/meta/total").asInt()).as("the reference claims' events are not the customer's").isEqualTo(5);
        JsonNode past = company1.get(path + "?limit=2&offset=10").body();
        assertThat(past.get("data")).isEmpty();
        assertThat(ApiClient.href(past, "prev")).isEqualTo(path + "?limit=2&offset=8");
    }

    @Test
    void versionOneIsTheCustomerAsCreatedAndTheLastIsTheCurrentState() {
        String id = create();
        JsonNode asCreated = company1.get("/v1/customers/" + id).body();
        updateThreeTimes(id);
        JsonNode current = company1.get("/v1/customers/" + id).body();

        assertThat(company1.get("/v1/customers/" + id + "?version=1").body()).isEqualTo(asCreated);
        assertThat(company1.get("/v1/customers/" + id + "?version=4").body()).isEqualTo(current);
        assertThat(fieldNames(company1.get("/v1/customers/" + id + "?version=4").body())).containsExactlyElementsOf(fieldNames(current));
        assertThat(company1.get("/v1/customers/" + id + "?version=5").status()).as("beyond the last event").isEqualTo(404);

        JsonNode third = company1.get("/v1/customers/" + id + "?version=3").body();
        assertThat(third.get("first_name").asText()).isEqualTo("Augusta");
        assertThat(third.has("last_name")).isFalse();
        assertThat(third.at("/billing/address/city").asText()).isEqualTo("London");
        assertThat(third.get("created").asText()).isEqualTo(current.get("created").asText());
        assertThat(Instant.parse(third.get("last_updated").asText())).isEqualTo(occurredAt(id, 3));
    }

    @Test
    void asOfGivesTheStateAtThatInstant() {
        String id = customerWithFourEvents();
        Instant created = occurredAt(id, 1);
        Instant second = occurredAt(id, 2);
        Instant third = occurredAt(id, 3);
        JsonNode atVersion2 = company1.get("/v1/customers/" + id + "?version=2").body();

        assertThat(company1.get("/v1/customers/" + id + "?as_of=" + second).body()).as("at an event's own instant").isEqualTo(atVersion2);
        assertThat(company1.get("/v1/customers/" + id + "?as_of=" + third.minusMillis(1)).body()).as("just before the next").isEqualTo(atVersion2);
        assertThat(atVersion2.get("first_name").asText()).isEqualTo("Augusta");
        assertThat(atVersion2.get("last_name").asText()).isEqualTo("Lovelace");
        assertThat(company1.get("/v1/customers/" + id + "?as_of=" + created).body())
                .isEqualTo(company1.get("/v1/customers/" + id + "?version=1").body());
        assertThat(company1.get("/v1/customers/" + id + "?as_of=2999-01-01T00:00:00Z").body())
                .isEqualTo(company1.get("/v1/customers/" + id).body());
        assertThat(company1.get("/v1/customers/" + id + "?as_of=" + second.atOffset(java.time.ZoneOffset.ofHours(2))
                .toString().replace("+", "%2B")).body()).as("any offset").isEqualTo(atVersion2);

        ApiClient.Response beforeCreation = company1.get("/v1/customers/" + id + "?as_of=" + created.minusMillis(1));
        assertThat(beforeCreation.status()).isEqualTo(404);
        assertThat(beforeCreation.body().get("error_type").asText()).isEqualTo("not_found");
    }

    @Test
    void filterAppliesToPastStates() {
        String id = customerWithFourEvents();

        JsonNode filtered = company1.get("/v1/customers/" + id + "?version=1&filter=customer_id,first_name,billing.address,created").body();

        assertThat(filtered).isEqualTo(ApiClient.json("""
                {"customer_id": "%s", "first_name": "Ada", "billing": {"address": {"city": "London", "country_code": "GB"}},
                 "created": "%s"}""".formatted(id, company1.get("/v1/customers/" + id).body().get("created").asText())));
        assertThat(company1.get("/v1/customers/" + id + "?as_of=" + occurredAt(id, 4) + "&filter=billing.address.postcode").body())
                .isEqualTo(ApiClient.json("""
                        {"billing": {"address": {"postcode": "LS1 4AP"}}}"""));
    }

    @Test
    void anotherCompanysCustomerHasNoHistoryExactlyLikeAMissingOne() {
        String id = customerWithFourEvents();
        ApiClient company2 = ApiClient.company2(port);
        String missing = "00000000-0000-4000-8000-000000000000";

        for (String query : List.of("/events", "?version=1", "?as_of=2999-01-01T00:00:00Z")) {
            ApiClient.Response foreign = company2.get("/v1/customers/" + id + query);
            ApiClient.Response absent = company2.get("/v1/customers/" + missing + query);
            assertThat(foreign.status()).as(query).isEqualTo(404);
            assertThat(foreign.body()).as(query).isEqualTo(ApiClient.json(absent.body().toString().replace(missing, id)));
        }
        assertThat(company1.get("/v1/customers/not-a-uuid/events").status()).isEqualTo(404);
        assertThat(company1.get("/v1/customers/" + id.toUpperCase() + "?version=1").status()).as("ids as we issue them").isEqualTo(404);
    }

    @Test
    void badParametersAreRefusedNamingThem() {
        String id = create();
        String customer = "/v1/customers/" + id;

        for (String version : List.of("0", "-1", "abc", "1.5", "")) {
            ApiClient.assertInvalid(company1.get(customer + "?version=" + version), "version");
        }
        for (String asOf : List.of("yesterday", "2025-01-01", "2025-01-01T10:00:00", "")) {
            ApiClient.assertInvalid(company1.get(customer + "?as_of=" + asOf), "as_of");
        }
        ApiClient.assertInvalid(company1.get(customer + "?version=1&as_of=2025-01-01T10:00:00Z"), "version", "as_of");
        ApiClient.assertInvalid(company1.get(customer + "?version=x&filter=nope"), "version", "filter");
        ApiClient.assertInvalid(company1.get(customer + "/events?limit=0"), "limit");
        ApiClient.assertInvalid(company1.get(customer + "/events?limit=101&offset=-1"), "limit", "offset");
        ApiClient.assertInvalid(company1.get("/v1/customers/00000000-0000-4000-8000-000000000000?version=0"), "version");
    }

    /** Created, then three updates; the i-th write (from 0) carries request id {@code requestIds-i}. */
    private String customerWithFourEvents() {
        String id = create();
        updateThreeTimes(id);
        return id;
    }

    private String create() {
        ApiClient.Response created = company1.send("POST", "/v1/customers", """
                {"reference": "%s", "first_name": "Ada", "last_name": "Lovelace",
                 "billing": {"address": {"city": "London", "country_code": "gb"}}, "shipping": {"address_match": true}}"""
                .formatted(reference), Map.of("X-Request-Id", requestIds + "-0"));
        assertThat(created.status()).isEqualTo(201);
        return created.body().get("customer_id").asText();
    }

    private void updateThreeTimes(String id) {
        update(id, 1, """
                {"reference": "%s_renamed", "first_name": "Augusta"}""".formatted(reference));
        update(id, 2, """
                {"last_name": null}""");
        update(id, 3, """
                {"billing": {"address": {"city": "Leeds", "postcode": "LS1 4AP"}}}""");
    }

    private void update(String id, int write, String body) {
        ApiClient.Response updated = company1.send("PUT", "/v1/customers/" + id, body, Map.of("X-Request-Id", requestIds + "-" + write));
        assertThat(updated.status()).isEqualTo(200);
    }

    private Instant occurredAt(String id, int sequence) {
        JsonNode event = company1.get("/v1/customers/" + id + "/events").body().get("data").get(sequence - 1);
        assertThat(event.get("sequence").asInt()).isEqualTo(sequence);
        return Instant.parse(event.get("occurred_at").asText());
    }


    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
