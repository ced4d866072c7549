package org.customerprofile.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.bwaldvogel.mongo.MongoServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.customerprofile.api.customer.CustomerCreated;
import org.customerprofile.api.customer.CustomerField;
import org.customerprofile.personal.ReferenceHashes;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** A reference is unique within a company under any concurrency, decided by the event store. */
@StandaloneTest
class ReferenceUniquenessTest {

    static final int RACERS = 32;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ReferenceHashes hashes;
    @Autowired
    @Qualifier("eventSerializer")
    Serializer events;
    @Autowired
    EmbeddedPostgres postgres;
    @Autowired
    MongoServer mongo;
    ApiClient company1;

    @BeforeEach
    void logIn() {
        company1 = ApiClient.company1(port);
    }

    @Test
    void takenReferenceIsAConflictNamingItsHolder() {
        String holder = company1.create(Map.of("reference", "uniq_taken"));

        ApiClient.Response duplicate = company1.post("/v1/customers", Map.of("reference", " UNIQ_Taken ", "first_name", "Dup"));

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.body().get("error_type").asText()).isEqualTo("conflict");
        assertThat(duplicate.body().at("/invalid_parameters/0/parameter").asText()).isEqualTo("reference");
        assertThat(duplicate.body().at("/invalid_parameters/0/reason").asText()).contains(holder);
        assertThat(company1.get("/v1/customers?reference=Dup").body().at("/meta/total").asInt()).isZero();
        assertThat(createdEventsWith(CustomerField.FIRST_NAME, "Dup")).as("a rejected create leaves no trace").isZero();
    }

    @Test
    void sameReferenceInAnotherCompanyIsFine() {
        company1.create(Map.of("reference", "uniq_shared"));

        assertThat(ApiClient.company2(port).post("/v1/customers", Map.of("reference", "uniq_shared")).status()).isEqualTo(201);
    }

    @Test
    void updateToATakenReferenceIsAConflictAndChangesNothing() {
        company1.create(Map.of("reference", "uniq_first"));
        String second = company1.create(Map.of("reference", "uniq_second", "first_name", "Second"));

        ApiClient.Response update = company1.put("/v1/customers/" + second, Map.of("reference", "uniq_first", "first_name", "Changed"));

        assertThat(update.status()).isEqualTo(409);
        assertThat(company1.get("/v1/customers/" + second).body().get("reference").asText()).isEqualTo("uniq_second");
        assertThat(company1.get("/v1/customers/" + second).body().get("first_name").asText()).isEqualTo("Second");
    }

    @Test
    void changingTheReferenceFreesTheOldOneAtOnce() {
        String mover = company1.create(Map.of("reference", "uniq_old"));

        assertThat(company1.put("/v1/customers/" + mover, Map.of("reference", "uniq_new")).status()).isEqualTo(200);

        assertThat(company1.post("/v1/customers", Map.of("reference", "uniq_old")).status()).isEqualTo(201);
        assertThat(company1.post("/v1/customers", Map.of("reference", "uniq_new")).status()).isEqualTo(409);
    }

    @Test
    void theSagaReleasesTheOldClaimInTheEventStore() {
        String mover = company1.create(Map.of("reference", "uniq_released"));
        company1.put("/v1/customers/" + mover, "{\"reference\": null}");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "SELECT count(*) FROM DomainEventEntry WHERE aggregateIdentifier = ? AND payloadType LIKE '%ReferenceReleased'",
                Integer.class, claimId("uniq_released"))).isEqualTo(1));
        assertThat(company1.post("/v1/customers", Map.of("reference", "uniq_released")).status()).isEqualTo(201);
    }

    @Test
    void changingBackBeforeTheReleaseKeepsTheReference() {
        String flipper = company1.create(Map.of("reference", "uniq_flip"));
        company1.put("/v1/customers/" + flipper, Map.of("reference", "uniq_flop"));
        company1.put("/v1/customers/" + flipper, Map.of("reference", "uniq_flip"));

        // whatever the saga does meanwhile, the reference stays the holder's
        for (int i = 0; i < 20; i++) {
            assertThat(company1.post("/v1/customers", Map.of("reference", "uniq_flip")).status()).isEqualTo(409);
        }
        assertThat(company1.post("/v1/customers", Map.of("reference", "uniq_flop")).status()).isEqualTo(201);
    }

    @Test
    void ofParallelCreatesWithOneReferenceExactlyOneWins() throws Exception {
        List<Integer> statuses = race(RACERS, i -> company1, "uniq_race");

        assertThat(statuses).containsOnly(201, 409);
        assertThat(statuses).filteredOn(status -> status == 201).hasSize(1);
        assertThat(createdEventsWith(CustomerField.REFERENCE, "uniq_race")).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM DomainEventEntry WHERE aggregateIdentifier = ?",
                Integer.class, claimId("uniq_race"))).as("one claim").isEqualTo(1);
        assertThat(company1.get("/v1/customers?reference=uniq_race").body().at("/meta/total").asInt()).isEqualTo(1);
    }

    @Test
    void ofParallelCreatesAcrossTwoInstancesExactlyOneWins() throws Exception {
        try (SecondInstance second = new SecondInstance(postgres, mongo)) {
            ApiClient other = ApiClient.company1(second.port());

            List<Integer> statuses = race(RACERS, i -> i % 2 == 0 ? company1 : other, "uniq_two_instances");

            assertThat(statuses).containsOnly(201, 409);
            assertThat(statuses).filteredOn(status -> status == 201).hasSize(1);
            assertThat(createdEventsWith(CustomerField.REFERENCE, "uniq_two_instances")).isEqualTo(1);
        }
    }

    @Test
    void aFailureAfterTheClaimLeavesTheReferenceFree() {
        jdbc.execute("""
                CREATE OR REPLACE FUNCTION fail_crash_test() RETURNS trigger AS $$
                BEGIN
                  -- values are encrypted: any creation stored while the trigger exists is this test's
                  IF NEW.payloadType LIKE '%CustomerCreated' THEN
                    RAISE EXCEPTION 'simulated crash while storing the customer';
                  END IF;
                  RETURN NEW;
                END $$ LANGUAGE plpgsql""");
        jdbc.execute("CREATE TRIGGER crash_test BEFORE INSERT ON DomainEventEntry FOR EACH ROW EXECUTE FUNCTION fail_crash_test()");
        try {
            ApiClient.Response crashed = company1.post("/v1/customers", Map.of("reference", "uniq_crash", "first_name", "Crashtest"));
            assertThat(crashed.status()).isEqualTo(500);
            assertThat(crashed.body().get("error_type").asText()).isEqualTo("internal_server_error");
        } finally {
            jdbc.execute("DROP TRIGGER crash_test ON DomainEventEntry");
        }

        assertThat(jdbc.queryForObject("SELECT count(*) FROM DomainEventEntry WHERE aggregateIdentifier = ?",
                Integer.class, claimId("uniq_crash"))).as("the claim went with the failed customer").isZero();
        assertThat(company1.post("/v1/customers", Map.of("reference", "uniq_crash")).status()).isEqualTo(201);
    }

    /** Stored creations with {@code value} in {@code field}, read through the event serializer (values are encrypted at rest). */
    private long createdEventsWith(CustomerField field, String value) {
        return jdbc.query("SELECT payload, payloadRevision FROM DomainEventEntry WHERE payloadType = ? AND payloadRevision = '1'",
                        (row, n) -> (CustomerCreated) events.deserialize(new SimpleSerializedObject<>(row.getBytes(1), byte[].class,
                                CustomerCreated.class.getName(), row.getString(2))),
                        CustomerCreated.class.getName()).stream()
                .filter(created -> value.equals(created.profile().get(field)))
                .count();
    }

    private String claimId(String reference) {
        return "reference/" + ApiClient.COMPANY_1 + "/" + hashes.of(UUID.fromString(ApiClient.COMPANY_1), reference);
    }

    interface ClientFor {
        ApiClient client(int racer);
    }

    static List<Integer> race(int racers, ClientFor clients, String reference) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(racers);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                ApiClient client = clients.client(i);
                Callable<Integer> create = () -> {
                    start.await();
                    return client.post("/v1/customers", Map.of("reference", reference)).status();
                };
                results.add(threads.submit(create));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : results) {
                statuses.add(result.get());
            }
            return statuses;
        } finally {
            threads.shutdownNow();
        }
    }
}
