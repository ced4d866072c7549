package org.customerprofile.personal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class ErasureNotificationsTest {

    @Test
    void theKeyCacheIsSuspendedFromTheStartUntilItListens() throws Exception {
        DataKeys keys = new DataKeys(null, null, 100, Duration.ofHours(1));
        // a server that takes the connection and never answers: the listener stays in its connect while this test runs
        try (ServerSocket silent = new ServerSocket(0)) {
            ErasureNotifications notifications = new ErasureNotifications(new DriverManagerDataSource(
                    "jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/none?socketTimeout=3"), keys);

            notifications.start();
            try {
                assertThat(keys.cacheInUse()).as("not before it listens").isFalse();
                assertThat(keys.mayKeep(UUID.randomUUID())).as("nor anything opened with a key").isFalse();
            } finally {
                notifications.stop();
            }
        }
    }
}
