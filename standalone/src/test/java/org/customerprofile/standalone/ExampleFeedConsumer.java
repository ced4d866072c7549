package org.customerprofile.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Consumer;

/**
 * What a downstream service does with the event feed (docs/events.md): log in, read a page after its
 * saved cursor, handle the events, save the page's {@code meta.next} as the new cursor, repeat. It may
 * stop at any moment; started again from its saved cursor it gets every later event exactly once.
 * Only the JDK's HTTP client and Jackson: nothing of the service's own code.
 */
final class ExampleFeedConsumer {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String baseUrl;
    private final String appId;
    private final String appKey;
    private String token;
    private String cursor;

    /** {@code cursor}: where the consumer stopped last time ("0" the first time). */
    ExampleFeedConsumer(String baseUrl, String appId, String appKey, String cursor) {
        this.baseUrl = baseUrl;
        this.appId = appId;
        this.appKey = appKey;
        this.cursor = cursor;
    }

    /** Reads one page of at most {@code limit} events, hands each to {@code handler}, then moves the cursor; returns how many. */
    int readPage(int limit, Consumer<JsonNode> handler) throws IOException, InterruptedException {
        HttpResponse<String> response = get("/v1/events?after=" + cursor + "&limit=" + limit);
        if (response.statusCode() == 401) {
            token = null; // expired: log in again and retry once
            response = get("/v1/events?after=" + cursor + "&limit=" + limit);
        }
        if (response.statusCode() != 200) {
            throw new IOException("feed answered " + response.statusCode() + ": " + response.body());
        }
        JsonNode page = JSON.readTree(response.body());
        page.get("data").forEach(handler);
        // saved only after the events were handled: a crash in between re-reads the page (at least once)
        cursor = page.at("/meta/next").asText();
        return page.get("data").size();
    }

    String cursor() {
        return cursor;
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        if (token == null) {
            token = logIn();
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Authorization", "Bearer " + token).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private String logIn() throws IOException, InterruptedException {
        String credentials = JSON.writeValueAsString(JSON.createObjectNode().put("app_id", appId).put("app_key", appKey));
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/v1/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(credentials))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("login answered " + response.statusCode());
        }
        return JSON.readTree(response.body()).get("access_token").asText();
    }
}
