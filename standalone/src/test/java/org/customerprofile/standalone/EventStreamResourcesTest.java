package org.customerprofile.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.customerprofile.query.feed.EventsProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What open event streams cost the service, and that it gets it back: one shared poll per company
 * however many clients listen, a dropped client's stream released within seconds, a {@code HEAD} that
 * holds nothing open, and a bound on the streams one app may hold. Streams are opened and dropped on raw
 * sockets, so that "dropped" is a closed TCP connection, as when a client process dies. Polls of the event
 * store are counted by the poller's own meter ({@code customers.events.stream.polls}).
 */
@StandaloneTest
@ExtendWith(OutputCaptureExtension.class)
class EventStreamResourcesTest {

    private static final Duration RELEASE_DEADLINE = Duration.ofSeconds(5);

    @LocalServerPort
    int port;
    @Autowired
    MeterRegistry registry;
    @Autowired
    EventsProperties events;
    String token1;
    String token2;

    @BeforeEach
    void logInOnceNothingIsStreaming() {
        token1 = token("company1", "key-of-company-one-0000000000000");
        token2 = token("company2", "key-of-company-two-0000000000000");
        // streams other suites dropped are released within seconds: start from none
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> openStreams() == 0);
    }

    @Test
    void fiftyDroppedStreamsAndHeadsLeaveThePollRateAtItsIdleLevelWithinFiveSeconds(CapturedOutput output) throws Exception {
        assertThat(events.maxStreamsPerApp()).as("the test profile lets one app hold the 50 streams").isGreaterThanOrEqualTo(50);
        assertThat(pollsWithin(Duration.ofSeconds(1))).as("idle: no stream, no poll").isZero();
        int logged = output.getOut().length();

        List<SseSocket> streams = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            assertThat(head(token1).status()).isEqualTo(200);
            streams.add(SseSocket.open(port, token1));
        }
        assertThat(openStreams()).isEqualTo(50);
        String created = ApiClient.company1(port).create(Map.of("reference", "streams_" + UUID.randomUUID().toString().replace("-", "")));
        for (SseSocket stream : streams) {
            stream.awaitText(created);
        }
        // one query per poll interval for the company, not one per client (50 per-client pollers: 50 times that)
        double perInterval = (double) pollsWithin(Duration.ofSeconds(2)) / (2000.0 / events.streamPollInterval().toMillis());
        assertThat(perInterval).as("polls per poll interval with 50 streams open").isLessThanOrEqualTo(1.5);

        streams.forEach(SseSocket::close);
        long dropped = System.nanoTime();

        await().atMost(RELEASE_DEADLINE).pollInterval(Duration.ofMillis(50)).until(() -> openStreams() == 0);
        await().atMost(RELEASE_DEADLINE.minusNanos(System.nanoTime() - dropped)).pollDelay(Duration.ZERO)
                .until(() -> pollsWithin(events.streamPollInterval().multipliedBy(3)) == 0);
        assertThat(Duration.ofNanos(System.nanoTime() - dropped)).isLessThanOrEqualTo(RELEASE_DEADLINE);
        assertThat(output.getOut().substring(logged)).as("dropped clients are not errors").doesNotContain("ERROR").doesNotContain("\tat ");
    }

    @Test
    void headAnswersTheStreamsHeadersAndEndsWithoutOpeningAStream() {
        double before = polls();

        RawHttp.Response head = head(token1);

        assertThat(head.status()).isEqualTo(200);
        assertThat(head.contentType()).startsWith("text/event-stream");
        assertThat(openStreams()).isZero();
        assertThat(polls()).isEqualTo(before);
    }

    @Test
    void anAppHoldsAtMostTheConfiguredStreamsAndASlotFreesWhenOneCloses() throws Exception {
        List<SseSocket> streams = new ArrayList<>();
        try {
            for (int i = 0; i < events.maxStreamsPerApp(); i++) {
                streams.add(SseSocket.open(port, token2));
            }

            RawHttp.Response refused = RawHttp.send(port, request("GET", token2, "Accept: text/event-stream\r\n"));
            assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
            assertThat(refused.contentType()).startsWith("application/json");
            assertThat(refused.json().get("status").asText()).isEqualTo("error");
            assertThat(refused.json().get("error_type").asText()).isEqualTo("too_many_requests");
            assertThat(refused.json().get("title").asText()).isNotBlank();
            assertThat(refused.json().get("instance").asText()).isEqualTo("/v1/events/stream");
            assertThat(Long.parseLong(refused.headers().get("retry-after"))).isPositive();
            assertThat(head(token2).status()).as("HEAD answers as GET would").isEqualTo(429);
            assertThat(openStreams()).isEqualTo(events.maxStreamsPerApp());

            try (SseSocket otherApp = SseSocket.open(port, token1)) {
                assertThat(otherApp).as("the limit is per app").isNotNull();
            }

            streams.remove(0).close();
            await().atMost(RELEASE_DEADLINE).pollInterval(Duration.ofMillis(100))
                    .ignoreExceptions().until(() -> streams.add(SseSocket.open(port, token2)));
        } finally {
            streams.forEach(SseSocket::close);
        }
    }

    @Test
    void aBadLastEventIdFromAnEventSourceIsA400InTheErrorShapeAndNoErrorLogged(CapturedOutput output) {
        int logged = output.getOut().length();

        RawHttp.Response invalid = RawHttp.send(port, request("GET", token1, "Accept: text/event-stream\r\nLast-Event-ID: yesterday\r\n"));

        assertThat(invalid.status()).as(invalid.toString()).isEqualTo(400);
        assertThat(invalid.contentType()).startsWith("application/json");
        assertThat(invalid.json().get("error_type").asText()).isEqualTo("validation");
        assertThat(invalid.json().at("/invalid_parameters/0/parameter").asText()).isEqualTo("Last-Event-ID");
        assertThat(openStreams()).isZero();
        assertThat(output.getOut().substring(logged)).doesNotContain("ERROR").doesNotContain("\tat ");
    }

    private RawHttp.Response head(String token) {
        // Connection: close, so the answer is complete only once the server has ended the exchange
        return RawHttp.send(port, request("HEAD", token, ""), true);
    }

    private static byte[] request(String method, String token, String headers) {
        return (method + " /v1/events/stream HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token + "\r\n" + headers
                + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    private long pollsWithin(Duration window) throws InterruptedException {
        double before = polls();
        TimeUnit.MILLISECONDS.sleep(window.toMillis());
        return Math.round(polls() - before);
    }

    private double polls() {
        return registry.get("customers.events.stream.polls").counter().count();
    }

    private long openStreams() {
        return Math.round(registry.get("customers.events.streams").gauge().value());
    }

    private String token(String appId, String appKey) {
        return ApiClient.anonymous(port).post("/v1/login", Map.of("app_id", appId, "app_key", appKey)).body().get("access_token").asText();
    }

    /** A stream on its own socket: what the server sent so far, read on demand; closing it closes the connection. */
    static final class SseSocket implements AutoCloseable {

        private final Socket socket;
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();

        private SseSocket(Socket socket) {
            this.socket = socket;
        }

        /** Opens a stream and waits for its response head: {@code 200} and {@code text/event-stream}, else it throws. */
        static SseSocket open(int port, String token) throws IOException {
            Socket socket = new Socket("localhost", port);
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(("GET /v1/events/stream HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                    + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            SseSocket stream = new SseSocket(socket);
            String head = stream.readUntil("\r\n\r\n");
            if (!head.startsWith("HTTP/1.1 200") || !head.toLowerCase().contains("content-type: text/event-stream")) {
                stream.close();
                throw new IllegalStateException("not a stream: " + head);
            }
            return stream;
        }

        void awaitText(String text) {
            try {
                readUntil(text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private String readUntil(String text) throws IOException {
            InputStream in = socket.getInputStream();
            while (!received.toString(StandardCharsets.UTF_8).contains(text)) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("closed before " + text + ": " + received);
                }
                received.write(b);
            }
            return received.toString(StandardCharsets.UTF_8);
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing is all that is asked
            }
        }
    }
}
