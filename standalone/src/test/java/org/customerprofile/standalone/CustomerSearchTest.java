package org.customerprofile.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The list's search parameters (the contract's "Search and duplicates") on a company of its own, which holds
 * three customers made here, oldest first: Zoë Brontë, Ana María O'Neil and Zoey Smith; tests that need
 * more make customers with values nobody else has.
 */
@StandaloneTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CustomerSearchTest {

    @LocalServerPort
    int port;
    ApiClient searches;
    String zoe;
    String ana;
    String zoey;

    @BeforeAll
    void createCustomers() {
        searches = ApiClient.anonymous(port).login("searches", "key-of-the-search-company-000000");
        zoe = searches.create(ApiClient.json("""
                {"reference": "ZB-001", "first_name": "Zoë", "last_name": "Brontë", "email": "Zoe.Bronte@Example.com",
                 "billing": {"address": {"city": "London", "postcode": "E1 7RT"}, "phone": {"country_code": "44", "number": "7911123456"}}}
                """));
        ana = searches.create(ApiClient.json("""
                {"reference": "AN-002", "first_name": "Ana María", "last_name": "O'Neil", "billing": {"email": "ana@shop.example"},
                 "shipping": {"address": {"city": "Manchester", "postcode": "SW1A 1AA"}, "phone": {"number": "2079460958"}}}
                """));
        zoey = searches.create(ApiClient.json("""
                {"reference": "ZS-003", "first_name": "Zoey", "last_name": "Smith", "email": "zoey@example.org",
                 "shipping": {"email": "Z.Smith@Ship.example"}, "billing": {"address": {"city": "London", "postcode": "E2 8AA"}}}
                """));
    }

    @Test
    void emailMatchesAnyOfTheThreeEmailsExactlyIgnoringCase() {
        assertThat(found("email=zoe.bronte@EXAMPLE.com")).containsExactly(zoe);
        assertThat(found("email=ANA@shop.example")).as("billing.email").containsExactly(ana);
        assertThat(found("email=z.smith@ship.example")).as("shipping.email").containsExactly(zoey);
        assertThat(found("email=zoe.bronte@example.co")).as("exact, not prefix").isEmpty();
    }

    @Test
    void phoneMatchesByDigitsWithOrWithoutTheCountryCode() {
        assertThat(found("phone=" + encoded("+44 7911 123456"))).containsExactly(zoe);
        assertThat(found("phone=7911-123456")).containsExactly(zoe);
        assertThat(found("phone=" + encoded("(207) 946-0958"))).as("shipping phone").containsExactly(ana);
        assertThat(found("phone=44")).as("a country code alone is no phone").isEmpty();
    }

    @Test
    void postcodeIgnoresCaseAndSpaces() {
        assertThat(found("postcode=e17rt")).containsExactly(zoe);
        assertThat(found("postcode=" + encoded("sw1a 1aa"))).as("shipping postcode").containsExactly(ana);
        assertThat(found("postcode=E1")).as("whole postcode").isEmpty();
    }

    @Test
    void namesMatchWholeIgnoringCaseAndAccents() {
        assertThat(found("first_name=zoe")).as("not Zoey").containsExactly(zoe);
        assertThat(found("last_name=BRONTE")).containsExactly(zoe);
        assertThat(found("first_name=" + encoded("ana maria"))).containsExactly(ana);
        assertThat(found("last_name=o%27neil")).containsExactly(ana);
    }

    @Test
    void qTermsArePrefixesOfWordsAcrossFieldsNewestFirst() {
        assertThat(found("q=zo")).containsExactly(zoey, zoe);
        assertThat(found("q=ZO%20lond")).as("every term").containsExactly(zoey, zoe);
        assertThat(found("q=zo%20bron")).containsExactly(zoe);
        assertThat(found("q=o%27ne")).as("a term's runs each begin a word").containsExactly(ana);
        assertThat(found("q=oneil")).as("a name's runs joined").containsExactly(ana);
        assertThat(found("q=manch")).as("a shipping city").containsExactly(ana);
        assertThat(found("q=exam")).as("emails' words").containsExactly(zoey, ana, zoe);
        assertThat(found("q=zb")).as("the reference").containsExactly(zoe);
        assertThat(found("q=e1")).as("a postcode").containsExactly(zoe);
        assertThat(found("q=ondon")).as("prefixes only").isEmpty();
        assertThat(found("q=" + encoded("zoë"))).containsExactly(zoey, zoe);
    }

    @Test
    void parametersCombineWithAnd() {
        assertThat(found("q=zo&postcode=" + encoded("E2 8AA"))).containsExactly(zoey);
        assertThat(found("first_name=zoe&email=zoey@example.org")).isEmpty();
        assertThat(found("q=lon&reference=zb-001%20")).containsExactly(zoe);
    }

    @Test
    void createdRangeIncludesItsStartAndExcludesItsEnd() {
        String created = searches.get("/v1/customers/" + ana).body().get("created").asText();

        // q=exam: the three customers of the fixture, whatever other tests add
        assertThat(found("q=exam&created_from=" + created)).containsExactly(zoey, ana);
        assertThat(found("q=exam&created_to=" + created)).containsExactly(zoe);
        assertThat(found("q=exam&created_from=" + created + "&created_to=" + created)).isEmpty();
        assertThat(found("created_from=2000-01-01T00:00:00Z&created_to=2000-01-02T00:00:00Z")).isEmpty();
    }

    @Test
    void pagesAndTheirLinksCarryTheSearchParametersInTheContractsOrder() {
        JsonNode first = searches.get("/v1/customers?reference=zs-003&q=zo&limit=1&filter=customer_id,first_name&email=ZOEY@example.org").body();

        assertThat(first.get("meta")).isEqualTo(ApiClient.json("""
                {"count": 1, "offset": 0, "limit": 1, "total": 1, "links": [
                  {"rel": "self", "href": "/v1/customers?filter=customer_id%2Cfirst_name&limit=1&offset=0&email=ZOEY%40example.org&q=zo&reference=zs-003"},
                  {"rel": "first", "href": "/v1/customers?filter=customer_id%2Cfirst_name&limit=1&offset=0&email=ZOEY%40example.org&q=zo&reference=zs-003", "title": "first page"},
                  {"rel": "last", "href": "/v1/customers?filter=customer_id%2Cfirst_name&limit=1&offset=0&email=ZOEY%40example.org&q=zo&reference=zs-003", "title": "last page"},
                  {"rel": "prev", "href": "", "title": "prev page"},
                  {"rel": "next", "href": "", "title": "next page"}
                ]}"""));
        assertThat(first.get("data")).isEqualTo(ApiClient.json("""
                [{"customer_id": "%s", "first_name": "Zoey"}]""".formatted(zoey)));

        List<String> walked = new ArrayList<>();
        List<JsonNode> pages = searches.pages("/v1/customers?q=zo&limit=1");
        pages.forEach(page -> page.get("data").forEach(customer -> walked.add(customer.get("customer_id").asText())));
        assertThat(walked).containsExactly(zoey, zoe);
        assertThat(ApiClient.href(pages.get(0), "next")).isEqualTo("/v1/customers?limit=1&offset=1&q=zo");
        assertThat(pages.get(1).at("/meta/total").asInt()).isEqualTo(2);
    }

    @Test
    void anotherCompanysCustomersAreNeverFound() {
        ApiClient company2 = ApiClient.company2(port);
        String theirs = company2.create(ApiClient.json("""
                {"first_name": "Zoë", "last_name": "Brontë", "email": "zoe.bronte@example.com", "billing": {"address": {"postcode": "E1 7RT"}}}
                """));

        assertThat(found("email=zoe.bronte@example.com")).containsExactly(zoe);
        assertThat(found("q=zo%20bron")).containsExactly(zoe);
        assertThat(company2.get("/v1/customers?email=zoe.bronte@example.com").body().at("/data/0/customer_id").asText()).isEqualTo(theirs);
        assertThat(company2.get("/v1/customers?postcode=e17rt").body().at("/meta/total").asInt()).isEqualTo(1);
    }

    @Test
    void anErasedCustomerIsNotFound() {
        String marker = letters();
        String id = searches.create(Map.of("last_name", marker, "email", marker + "@erased.test"));
        assertThat(found("last_name=" + marker)).containsExactly(id);

        assertThat(searches.send("DELETE", "/v1/customers/" + id, null, Map.of()).status()).isEqualTo(200);

        assertThat(found("last_name=" + marker)).isEmpty();
        assertThat(found("email=" + marker + "@erased.test")).isEmpty();
        assertThat(found("q=" + marker)).isEmpty();
    }

    @Test
    void afterAnUpdateTheCustomerIsFoundByItsNewValuesNotItsOldOnes() {
        String before = letters();
        String after = letters();
        String id = searches.create(Map.of("last_name", before, "billing", Map.of("address", Map.of("postcode", "AB1 2CD"),
                "email", before + "@before.test")));

        assertThat(searches.put("/v1/customers/" + id, Map.of("last_name", after, "billing", Map.of("email", after + "@after.test")))
                .status()).isEqualTo(200);

        // no waiting: a 200 promises the read model shows the write
        assertThat(found("last_name=" + after)).containsExactly(id);
        assertThat(found("email=" + after + "@after.test")).containsExactly(id);
        assertThat(found("q=" + after + "%20ab1")).as("new and unchanged values together").containsExactly(id);
        assertThat(found("last_name=" + before)).isEmpty();
        assertThat(found("q=" + before)).isEmpty();
        assertThat(found("email=" + before + "@before.test")).isEmpty();
    }

    @Test
    void badValuesAreRefusedNamingEachParameter() {
        ApiClient.assertInvalid(searches.get("/v1/customers?created_from=yesterday"), "created_from");
        ApiClient.assertInvalid(searches.get("/v1/customers?created_to=2025-13-01T00:00:00Z"), "created_to");
        ApiClient.assertInvalid(searches.get("/v1/customers?q=a"), "q");
        ApiClient.assertInvalid(searches.get("/v1/customers?q=zo%20a"), "q");
        ApiClient.assertInvalid(searches.get("/v1/customers?q=--"), "q");
        ApiClient.assertInvalid(searches.get("/v1/customers?phone=abc"), "phone");
        ApiClient.assertInvalid(searches.get("/v1/customers?email=not-an-email"), "email");
        ApiClient.assertInvalid(searches.get("/v1/customers?first_name=R2D2"), "first_name");
        ApiClient.assertInvalid(searches.get("/v1/customers?reference=a%20b"), "reference");
        ApiClient.assertInvalid(searches.get("/v1/customers?limit=0&q=a&created_to=later&postcode=" + "x".repeat(41)),
                "limit", "q", "created_to", "postcode");
        assertThat(searches.get("/v1/customers?q=&email=%20").body().at("/meta/total"))
                .as("blank is no search").isEqualTo(searches.get("/v1/customers").body().at("/meta/total"));
    }

    /** The ids the search finds, in the order the first page (of up to 100) lists them. */
    private List<String> found(String query) {
        ApiClient.Response response = searches.get("/v1/customers?limit=100&" + query);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        response.body().get("data").forEach(customer -> ids.add(customer.get("customer_id").asText()));
        assertThat(response.body().at("/meta/total").asInt()).isEqualTo(ids.size());
        return ids;
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A name of letters nobody else has. */
    static String letters() {
        StringBuilder letters = new StringBuilder("Mx");
        for (char digit : UUID.randomUUID().toString().replace("-", "").substring(0, 12).toCharArray()) {
            letters.append((char) ('a' + Character.digit(digit, 16)));
        }
        return letters.toString();
    }
}
