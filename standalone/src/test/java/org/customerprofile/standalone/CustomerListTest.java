package org.customerprofile.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The list endpoint on a company of its own holding exactly 22 customers: pages, meta and links as the
 * contract shows them.
 */
@StandaloneTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CustomerListTest {

    static final int CUSTOMERS = 22;

    @LocalServerPort
    int port;
    ApiClient listings;
    final List<String> createdOldestFirst = new ArrayList<>();

    @BeforeAll
    void createCustomers() {
        listings = ApiClient.anonymous(port).login("listings", "key-of-the-list-company-00000000");
        for (int i = 0; i < CUSTOMERS; i++) {
            createdOldestFirst.add(listings.create(Map.of("reference", "list_" + i, "first_name", "Customer", "ip", "10.0.0." + i)));
        }
    }

    @Test
    void walkingNextLinksVisitsEveryCustomerOnceNewestFirst() {
        List<String> seen = new ArrayList<>();
        List<JsonNode> pages = listings.pages("/v1/customers?filter=customer_id%2Cfirst_name%2Cip&limit=3&offset=0");
        pages.forEach(page -> page.get("data").forEach(customer -> seen.add(customer.get("customer_id").asText())));

        assertThat(pages).hasSize(8);
        List<String> newestFirst = new ArrayList<>(createdOldestFirst);
        Collections.reverse(newestFirst);
        assertThat(seen).isEqualTo(newestFirst);
    }

    @Test
    void firstPageMetaAndLinksAreExactlyTheContracts() {
        JsonNode page = listings.get("/v1/customers?filter=customer_id,first_name,ip&limit=3").body();

        assertThat(page.get("meta")).isEqualTo(ApiClient.json("""
                {"count": 3, "offset": 0, "limit": 3, "total": 22, "links": [
                  {"rel": "self", "href": "/v1/customers?filter=customer_id%2Cfirst_name%2Cip&limit=3&offset=0"},
                  {"rel": "first", "href": "/v1/customers?filter=customer_id%2Cfirst_name%2Cip&limit=3&offset=0", "title": "first page"},
                  {"rel": "last", "href": "/v1/customers?filter=customer_id%2Cfirst_name%2Cip&limit=3&offset=21", "title": "last page"},
                  {"rel": "prev", "href": "", "title": "prev page"},
                  {"rel": "next", "href": "/v1/customers?filter=customer_id%2Cfirst_name%2Cip&limit=3&offset=3", "title": "next page"}
                ]}"""));
        assertThat(page.get("data").get(0)).isEqualTo(ApiClient.json("""
                {"customer_id": "%s", "first_name": "Customer", "ip": "10.0.0.21"}""".formatted(createdOldestFirst.get(21))));
    }

    @Test
    void lastPageHoldsTheRemainderAndNoNext() {
        JsonNode page = listings.get("/v1/customers?limit=3&offset=21").body();

        assertThat(page.at("/meta/count").asInt()).isEqualTo(1);
        assertThat(ApiClient.href(page, "next")).isEmpty();
        assertThat(ApiClient.href(page, "prev")).isEqualTo("/v1/customers?limit=3&offset=18");
        assertThat(page.at("/data/0/customer_id").asText()).isEqualTo(createdOldestFirst.get(0));
    }

    @Test
    void defaultsToTwentyFiveNewestFirst() {
        JsonNode page = listings.get("/v1/customers").body();

        assertThat(page.at("/meta/limit").asInt()).isEqualTo(25);
        assertThat(page.at("/meta/count").asInt()).isEqualTo(22);
        assertThat(ApiClient.href(page, "last")).isEqualTo("/v1/customers?limit=25&offset=0");
        assertThat(page.at("/data/0/customer_id").asText()).isEqualTo(createdOldestFirst.get(21));
    }

    @Test
    void offsetPastTheEndIsAnEmptyPage() {
        JsonNode page = listings.get("/v1/customers?limit=10&offset=40").body();

        assertThat(page.at("/meta/count").asInt()).isZero();
        assertThat(page.get("data")).isEmpty();
        assertThat(ApiClient.href(page, "prev")).isEqualTo("/v1/customers?limit=10&offset=30");
    }

    @Test
    void referenceFindsTheExactMatchAndKeepsItInTheLinks() {
        JsonNode page = listings.get("/v1/customers?reference=list_7&limit=5").body();

        assertThat(page.at("/meta/total").asInt()).isEqualTo(1);
        assertThat(page.at("/data/0/customer_id").asText()).isEqualTo(createdOldestFirst.get(7));
        assertThat(ApiClient.href(page, "self")).isEqualTo("/v1/customers?limit=5&offset=0&reference=list_7");
        assertThat(listings.get("/v1/customers?reference=list_").body().at("/meta/total").asInt()).as("exact, not prefix").isZero();
    }

    /** On company 2, so the 22 customers of the list company stay 22. */
    @Test
    void referenceFilterComparesAsUniquenessDoesTrimmedAndIgnoringCase() {
        ApiClient company2 = ApiClient.company2(port);
        String id = company2.create(Map.of("reference", "Abc-1", "first_name", "Case"));

        JsonNode page = company2.get("/v1/customers?reference=abc-1%20").body();

        assertThat(page.at("/meta/total").asInt()).as(page.toString()).isEqualTo(1);
        assertThat(page.at("/data/0/customer_id").asText()).isEqualTo(id);
        assertThat(page.at("/data/0/reference").asText()).as("stored as given").isEqualTo("Abc-1");
        assertThat(page.at("/data/0/reference_key").isMissingNode()).as("the key is the read model's, not the API's").isTrue();

        assertThat(company2.put("/v1/customers/" + id, Map.of("reference", "Xyz-2")).status()).isEqualTo(200);

        assertThat(company2.get("/v1/customers?reference=ABC-1").body().at("/meta/total").asInt()).as("old reference").isZero();
        assertThat(company2.get("/v1/customers?reference=xyz-2").body().at("/data/0/customer_id").asText()).isEqualTo(id);

        assertThat(company2.put("/v1/customers/" + id, "{\"reference\": null}").status()).isEqualTo(200);

        assertThat(company2.get("/v1/customers?reference=xyz-2").body().at("/meta/total").asInt()).as("cleared").isZero();
    }
}
