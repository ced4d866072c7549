package org.customerprofile.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.customerprofile.api.customer.CustomerErased;
import org.customerprofile.personal.DataKeys;
import org.customerprofile.personal.EncryptingSerializer;
import org.customerprofile.personal.ErasureNotifications;
import org.customerprofile.personal.MasterKey;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Another process's key cache after an erasure, played by a second set of data keys on the same PostgreSQL
 * with an hour's expiry: the erasure reaches it through PostgreSQL's notification at commit, or through the
 * {@code CustomerErased} it reads, never by expiry.
 */
@StandaloneTest
class KeyCacheEvictionTest {

    @LocalServerPort
    int port;
    @Autowired
    DataSource dataSource;
    @Autowired
    MasterKey masterKey;
    @Autowired
    Serializer serializer;

    @Test
    void anotherProcessForgetsTheKeyWhenTheErasureCommits() {
        DataKeys otherProcess = new DataKeys(new JdbcTemplate(dataSource), masterKey, 100, Duration.ofHours(1));
        ErasureNotifications notifications = new ErasureNotifications(dataSource, otherProcess);
        // suspended until it listens (ErasureNotificationsTest); here it soon does
        notifications.start();
        try {
            ApiClient company1 = ApiClient.company1(port);
            String id = company1.create(Map.of("first_name", "Cached"));
            UUID customerId = UUID.fromString(id);
            await().atMost(Duration.ofSeconds(10)).until(otherProcess::cacheInUse);
            assertThat(otherProcess.of(customerId)).as("cached").isPresent();

            assertThat(company1.send("DELETE", "/v1/customers/" + id, null, Map.of()).status()).isEqualTo(200);

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(otherProcess.of(customerId)).isEmpty());
            assertThat(otherProcess.mayKeep(customerId)).as("nothing opened with its key may be kept either").isFalse();
        } finally {
            notifications.stop();
        }
        assertThat(otherProcess.cacheInUse()).as("suspended once it no longer listens").isFalse();
    }

    @Test
    void readingTheErasureForgetsTheKeyAndNoLaterReadCachesItAgain() {
        DataKeys otherProcess = new DataKeys(new JdbcTemplate(dataSource), masterKey, 100, Duration.ofHours(1));
        String id = ApiClient.company1(port).create(Map.of("first_name", "Cached"));
        UUID customerId = UUID.fromString(id);
        assertThat(otherProcess.of(customerId)).as("cached: the customer is whole").isPresent();

        // the event as another process would read it; the store still holds the key, the event says it is gone
        Object erased = new EncryptingSerializer(serializer, otherProcess).deserialize(new SimpleSerializedObject<>(
                "{\"customerId\":\"%s\",\"companyId\":\"%s\"}".formatted(id, ApiClient.COMPANY_1).getBytes(StandardCharsets.UTF_8),
                byte[].class, CustomerErased.class.getName(), null));

        assertThat(erased).isEqualTo(new CustomerErased(customerId, UUID.fromString(ApiClient.COMPANY_1)));
        assertThat(otherProcess.of(customerId)).isEmpty();
        assertThat(otherProcess.of(customerId)).as("not read back into the cache").isEmpty();
    }

    @Test
    void aPrefetchCachesTheKeysOfWholeCustomersOnly() {
        DataKeys otherProcess = new DataKeys(new JdbcTemplate(dataSource), masterKey, 100, Duration.ofHours(1));
        ApiClient company1 = ApiClient.company1(port);
        UUID whole = UUID.fromString(company1.create(Map.of("first_name", "Prefetched")));
        String erasedId = company1.create(Map.of("first_name", "Gone"));
        assertThat(company1.send("DELETE", "/v1/customers/" + erasedId, null, Map.of()).status()).isEqualTo(200);
        UUID erased = UUID.fromString(erasedId);

        otherProcess.prefetch(List.of(whole, erased, UUID.randomUUID()));

        // the stored key made unreadable behind the cache's back: only a key the prefetch cached still answers
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        byte[] wrapped = jdbc.queryForObject("SELECT wrapped_key FROM customer_data_key WHERE customer_id = ?", byte[].class, whole);
        jdbc.update("UPDATE customer_data_key SET wrapped_key = ? WHERE customer_id = ?", new byte[] {1, 2, 3}, whole);
        try {
            assertThat(otherProcess.of(whole)).as("cached by the prefetch").isPresent();
        } finally {
            jdbc.update("UPDATE customer_data_key SET wrapped_key = ? WHERE customer_id = ?", wrapped, whole);
        }
        assertThat(otherProcess.of(erased)).as("an erased customer's tombstone gives no key").isEmpty();
    }
}
