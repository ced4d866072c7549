package org.customerprofile.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;

/** What the tests running the service (or a broker) as processes of their own share. */
final class ServiceProcesses {

    private ServiceProcesses() {
    }

    /** The JVM running the tests, to start the service's jars with. */
    static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the service on {@code port} reports {@code UP} (its read model caught up, where it has one). */
    static void awaitHealthy(int port) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).ignoreExceptions().untilAsserted(() ->
                assertThat(ApiClient.anonymous(port).get("/actuator/health").body().get("status").asText()).isEqualTo("UP"));
    }
}
