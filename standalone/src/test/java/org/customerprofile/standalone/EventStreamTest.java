package org.customerprofile.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The live tail of the feed, {@code GET /v1/events/stream}, as Server-Sent Events resumable with {@code Last-Event-ID}. */
@StandaloneTest
class EventStreamTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;
    ApiClient company1;
    String token1;

    @BeforeEach
    void logIn() {
        company1 = ApiClient.company1(port);
        token1 = ApiClient.anonymous(port).post("/v1/login",
                Map.of("app_id", "company1", "app_key", "key-of-company-one-0000000000000")).body().get("access_token").asText();
    }

    @Test
    void tailsNewEventsAndResumesAfterTheLastEventIdItGot() throws Exception {
        String first;
        List<String> missed = new ArrayList<>();
        try (Stream stream = Stream.open(port, token1, Map.of())) {
            first = company1.create(Map.of("reference", "stream_" + UUID.randomUUID()));
            Event created = stream.next();
            assertThat(created.name()).isEqualTo("customer.created");
            assertThat(created.data().get("customer_id").asText()).isEqualTo(first);
            assertThat(created.id()).isEqualTo(created.data().get("position").asText());
            stream.lastId = created.id();
        }
        // disconnected: these happen while nobody listens
        missed.add(company1.create(Map.of("reference", "stream_" + UUID.randomUUID())));
        company1.put("/v1/customers/" + first, Map.of("first_name", "Ada"));
        missed.add(first);

        String lastId = company1.get("/v1/customers/" + first + "/events").body().at("/data/0/position").asText();
        try (Stream resumed = Stream.open(port, token1, Map.of("Last-Event-ID", lastId))) {
            assertThat(List.of(resumed.next(), resumed.next())).extracting(event -> event.data().get("customer_id").asText())
                    .containsExactlyElementsOf(missed);
            assertThat(resumed.events.poll(1, TimeUnit.SECONDS)).isNull();
        }
    }

    @Test
    void anotherCompanysEventsAreNotStreamed() throws Exception {
        ApiClient company2 = ApiClient.company2(port);
        try (Stream stream = Stream.open(port, token1, Map.of())) {
            company2.create(Map.of("reference", "stream_" + UUID.randomUUID()));
            String mine = company1.create(Map.of("reference", "stream_" + UUID.randomUUID()));

            Event event = stream.next();
            assertThat(event.data().get("customer_id").asText()).isEqualTo(mine);
            assertThat(event.data().get("company_id").asText()).isEqualTo(ApiClient.COMPANY_1);
        }
    }

    @Test
    void refusesAnonymousCallersAndCursorsItDidNotIssue() throws Exception {
        HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/events/stream"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        HttpResponse<String> invalid = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/events/stream"))
                .header("Authorization", "Bearer " + token1).header("Last-Event-ID", "yesterday").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(invalid.body()).at("/invalid_parameters/0/parameter").asText()).isEqualTo("Last-Event-ID");
    }

    record Event(String id, String name, JsonNode data) {
    }

    /** A minimal SSE client: reads events on its own thread into a queue; closing it disconnects. */
    static final class Stream implements AutoCloseable {

        final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        final InputStream body;
        String lastId;

        private Stream(InputStream body) {
            this.body = body;
            Thread reader = new Thread(this::read, "sse-test-client");
            reader.setDaemon(true);
            reader.start();
        }

        static Stream open(int port, String token, Map<String, String> headers) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/events/stream"))
                    .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream");
            headers.forEach(request::header);
            HttpResponse<InputStream> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
            return new Stream(response.body());
        }

        Event next() throws InterruptedException {
            Event event = events.poll(10, TimeUnit.SECONDS);
            assertThat(event).as("an event within 10 s").isNotNull();
            return event;
        }

        private void read() {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                String id = null;
                String name = null;
                StringBuilder data = new StringBuilder();
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.isEmpty()) {
                        if (!data.isEmpty()) {
                            events.add(new Event(id, name, ApiClient.json(data.toString())));
                        }
                        id = null;
                        name = null;
                        data.setLength(0);
                    } else if (line.startsWith("id:")) {
                        id = line.substring(3).strip();
                    } else if (line.startsWith("event:")) {
                        name = line.substring(6).strip();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring(5));
                    }
                }
            } catch (IOException | UncheckedIOException closed) {
                // the test disconnected
            }
        }

        @Override
        public void close() throws Exception {
            // the reader thread may stay blocked until the server's next write; it ends with the connection
            body.close();
        }
    }
}
