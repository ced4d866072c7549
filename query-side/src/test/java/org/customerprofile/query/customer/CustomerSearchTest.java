package org.customerprofile.query.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** Search parameters as the MongoDB filter they become, and as the links carry them. */
class CustomerSearchTest {

    @Test
    void eachParameterIsOneFoldedKeyWithinTheCompany() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("reference", " Order-1 ");
        parameters.put("q", "Zoë o'ne");
        parameters.put("phone", "+44 7911");
        parameters.put("email", "Ada@Example.com");
        parameters.put("postcode", "e1 7rt");
        parameters.put("first_name", "ZOË");
        parameters.put("created_from", "2026-01-01T00:00:00Z");
        parameters.put("page", "ignored");

        Document filter = CustomerSearch.of(parameters).criteria("company-1").getCriteriaObject();

        assertThat(filter.get("company_id")).isEqualTo("company-1");
        assertThat(filter.get("erased")).isEqualTo(new Document("$exists", false));
        assertThat(filter.get("search.emails")).isEqualTo("ada@example.com");
        assertThat(filter.get("search.phones")).isEqualTo("447911");
        assertThat(filter.get("search.postcodes")).isEqualTo("e17rt");
        assertThat(filter.get("search.first_name")).isEqualTo("zoe");
        assertThat(filter.get("reference_key")).isEqualTo("order-1");
        assertThat(filter.get("search.words", Document.class).getList("$all", java.util.regex.Pattern.class))
                .extracting(java.util.regex.Pattern::pattern).containsExactly("^zoe", "^o", "^ne");
        assertThat(filter.get("created", Document.class)).containsOnlyKeys("$gte");
    }

    @Test
    void linksCarryTheGivenParametersInTheContractsOrderBlankOnesLeftOut() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("reference", " r-1 ");
        parameters.put("created_to", "2026-01-01T00:00:00Z");
        parameters.put("q", "ab");
        parameters.put("email", " ");
        parameters.put("created_from", "2025-01-01T00:00:00Z");

        assertThat(CustomerSearch.of(parameters).linkParameters()).containsExactly(
                Map.entry("q", "ab"), Map.entry("created_from", "2025-01-01T00:00:00Z"),
                Map.entry("created_to", "2026-01-01T00:00:00Z"), Map.entry("reference", "r-1"));
    }

    @Test
    void noParametersIsTheCompanysWholeList() {
        assertThat(CustomerSearch.NONE.criteria("c").getCriteriaObject().keySet()).containsExactly("company_id", "erased");
    }
}
