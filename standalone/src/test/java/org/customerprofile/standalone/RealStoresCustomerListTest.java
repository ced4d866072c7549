package org.customerprofile.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * {@link CustomerListTest} against real PostgreSQL and MongoDB, plus what the wire server cannot show:
 * MongoDB answers the list's queries from their indexes, without a collection scan or an in-memory sort.
 * Skipped where Docker is not available.
 */
@Testcontainers(disabledWithoutDocker = true)
class RealStoresCustomerListTest extends CustomerListTest {

    @Autowired
    MongoTemplate mongo;

    @DynamicPropertySource
    static void realStores(DynamicPropertyRegistry registry) {
        RealStores.register(registry);
    }

    @Test
    void listQueriesAreAnsweredFromTheirIndexes() {
        ApiClient.company1(port).create(Map.of("reference", "plan_" + UUID.randomUUID()));
        Document pointer = mongo.findById("customers", Document.class, "read_models");
        String collection = pointer == null ? "customers" : pointer.getString("collection");
        Document company = new Document("company_id", ApiClient.COMPANY_1);

        List<String> page = stages(mongo.getCollection(collection).find(company)
                .sort(new Document("created", -1).append("_id", -1)).skip(25).limit(25).explain());
        List<String> byReference = stages(mongo.getCollection(collection).find(new Document(company).append("reference", "plan_x"))
                .sort(new Document("created", -1).append("_id", -1)).limit(25).explain());

        assertThat(page).contains("IXSCAN").doesNotContain("COLLSCAN", "SORT");
        assertThat(byReference).contains("IXSCAN").doesNotContain("COLLSCAN");
    }

    /** Every stage name of the winning plan, outermost first. */
    private static List<String> stages(Document explained) {
        List<String> stages = new ArrayList<>();
        Object plan = ((Document) explained.get("queryPlanner")).get("winningPlan");
        while (plan instanceof Document stage) {
            if (stage.containsKey("stage")) {
                stages.add(stage.getString("stage"));
            }
            // MongoDB 7 may wrap the classic plan as {queryPlan: ...}
            plan = stage.containsKey("inputStage") ? stage.get("inputStage") : stage.get("queryPlan");
        }
        return stages;
    }
}
