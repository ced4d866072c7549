package org.customerprofile.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.customerprofile.api.customer.CustomerField;
import org.customerprofile.api.customer.Profile;
import org.customerprofile.query.customer.CustomerDuplicates;
import org.customerprofile.query.customer.CustomerSearch;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * {@link CustomerSearchTest} against real PostgreSQL and MongoDB, plus what the wire server cannot show: every
 * search parameter, alone and combined, and every duplicates query is answered from an index, newest first,
 * without a collection scan or an in-memory sort, and so is each search's count. The filters are the service's
 * own ({@link CustomerSearch}, {@link CustomerDuplicates}). Skipped where Docker is not available.
 */
@Testcontainers(disabledWithoutDocker = true)
class RealStoresCustomerSearchTest extends CustomerSearchTest {

    private static final String COMPANY = "66666666-6666-4666-8666-666666666666";
    private static final Document NEWEST_FIRST = new Document("created", -1).append("_id", -1);

    @Autowired
    MongoTemplate mongo;

    @DynamicPropertySource
    static void realStores(DynamicPropertyRegistry registry) {
        RealStores.register(registry);
    }

    @Test
    void everySearchIsAnsweredFromAnIndexNewestFirst() {
        List<Map<String, String>> searches = new ArrayList<>();
        searches.add(Map.of("email", "zoe.bronte@example.com"));
        searches.add(Map.of("phone", "+44 7911 123456"));
        searches.add(Map.of("postcode", "e17rt"));
        searches.add(Map.of("first_name", "zoe"));
        searches.add(Map.of("last_name", "bronte"));
        searches.add(Map.of("q", "zo"));
        searches.add(Map.of("q", "zo lond o'ne"));
        searches.add(Map.of("created_from", "2020-01-01T00:00:00Z"));
        searches.add(Map.of("created_to", "2099-01-01T00:00:00Z"));
        searches.add(Map.of("created_from", "2020-01-01T00:00:00Z", "created_to", "2099-01-01T00:00:00Z"));
        searches.add(Map.of("reference", "zb-001"));
        searches.add(Map.of());
        Map<String, String> everything = new LinkedHashMap<>();
        everything.put("email", "zoey@example.org");
        everything.put("phone", "7911123456");
        everything.put("postcode", "E2 8AA");
        everything.put("first_name", "zoey");
        everything.put("last_name", "smith");
        everything.put("q", "zo lon");
        everything.put("created_from", "2020-01-01T00:00:00Z");
        everything.put("created_to", "2099-01-01T00:00:00Z");
        everything.put("reference", "zs-003");
        searches.add(everything);
        searches.add(Map.of("q", "zo", "created_from", "2020-01-01T00:00:00Z"));
        searches.add(Map.of("first_name", "zoe", "last_name", "bronte"));

        for (Map<String, String> search : searches) {
            assertIndexBacked(CustomerSearch.of(search).criteria(COMPANY), search.toString());
        }
    }

    @Test
    void everyDuplicatesQueryIsAnsweredFromAnIndexNewestFirst() {
        Map<CustomerField, Object> wouldBe = new LinkedHashMap<>();
        wouldBe.put(CustomerField.FIRST_NAME, "Zoë");
        wouldBe.put(CustomerField.LAST_NAME, "Brontë");
        wouldBe.put(CustomerField.DOB, "1990-01-02");
        wouldBe.put(CustomerField.EMAIL, "zoe.bronte@example.com");
        wouldBe.put(CustomerField.BILLING_EMAIL, "zoe@example.org");
        wouldBe.put(CustomerField.BILLING_PHONE_COUNTRY_CODE, "44");
        wouldBe.put(CustomerField.BILLING_PHONE_NUMBER, "7911123456");
        wouldBe.put(CustomerField.SHIPPING_ADDRESS_POSTCODE, "E1 7RT");
        wouldBe.put(CustomerField.BILLING_ADDRESS_POSTCODE, "E2 8AA");

        List<Criteria> queries = CustomerDuplicates.queries(COMPANY, new Profile(wouldBe));

        assertThat(queries).hasSize(4);
        queries.forEach(query -> assertIndexBacked(query, query.getCriteriaObject().toJson()));
    }

    private void assertIndexBacked(Criteria criteria, String what) {
        MongoCollection<Document> customers = mongo.getCollection(liveCollection());
        Bson filter = criteria.getCriteriaObject();

        List<String> page = stages(customers.find(filter).sort(NEWEST_FIRST).skip(25).limit(25).explain());
        List<String> count = stages(customers.find(filter).explain());

        assertThat(page).as("page of " + what).contains("IXSCAN").doesNotContain("COLLSCAN", "SORT");
        assertThat(count).as("count of " + what).doesNotContain("COLLSCAN").containsAnyOf("IXSCAN", "COUNT_SCAN");
    }

    private String liveCollection() {
        Document pointer = mongo.findById("customers", Document.class, "read_models");
        return pointer == null ? "customers" : pointer.getString("collection");
    }

    /** Every stage name of the winning plan, all branches, outermost first. */
    private static List<String> stages(Document explained) {
        List<String> stages = new ArrayList<>();
        collect(((Document) explained.get("queryPlanner")).get("winningPlan"), stages);
        return stages;
    }

    private static void collect(Object plan, List<String> stages) {
        if (plan instanceof Document stage) {
            if (stage.containsKey("stage")) {
                stages.add(stage.getString("stage"));
            }
            // MongoDB 7 may wrap the classic plan as {queryPlan: ...}
            for (String child : List.of("inputStage", "queryPlan", "inputStages")) {
                collect(stage.get(child), stages);
            }
        } else if (plan instanceof List<?> branches) {
            branches.forEach(branch -> collect(branch, stages));
        }
    }
}
