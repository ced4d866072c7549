package org.customerprofile.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A merchant backend's view of the service: plain HTTP with JSON, nothing of the server's classes. */
final class ApiClient {

    static final String COMPANY_1 = "11111111-1111-4111-8111-111111111111";
    static final String COMPANY_2 = "22222222-2222-4222-8222-222222222222";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String base;
    private final String token;

    private ApiClient(String base, String token) {
        this.base = base;
        this.token = token;
    }

    record Response(int status, java.net.http.HttpHeaders headers, JsonNode body) {

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    static ApiClient anonymous(int port) {
        return new ApiClient("http://localhost:" + port, null);
    }

    /** Logged in as the app of company 1. */
    static ApiClient company1(int port) {
        return anonymous(port).login("company1", "key-of-company-one-0000000000000");
    }

    /** Logged in as the app of company 2 (its key is configured bcrypt-encoded). */
    static ApiClient company2(int port) {
        return anonymous(port).login("company2", "key-of-company-two-0000000000000");
    }

    ApiClient login(String appId, String appKey) {
        Response response = post("/v1/login", Map.of("app_id", appId, "app_key", appKey));
        if (response.status() != 200) {
            throw new IllegalStateException("login failed: " + response);
        }
        return withToken(response.body().get("access_token").asText());
    }

    ApiClient withToken(String token) {
        return new ApiClient(base, token);
    }

    String token() {
        return token;
    }

    /** The same token sent to another instance of the service. */
    ApiClient at(int port) {
        return new ApiClient("http://localhost:" + port, token);
    }

    Response get(String path) {
        return send("GET", path, null, Map.of());
    }

    Response post(String path, Object body) {
        return send("POST", path, body, Map.of());
    }

    Response put(String path, Object body) {
        return send("PUT", path, body, Map.of());
    }

    /** Creates a customer and returns its id, failing unless the service answered 201. */
    String create(Object body) {
        Response response = post("/v1/customers", body);
        if (response.status() != 201) {
            throw new AssertionError("create failed: " + response);
        }
        return response.body().get("customer_id").asText();
    }

    /** {@code body} is sent as is when it is a String, else as JSON. */
    Response send(String method, String path, Object body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        try {
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                String text = body instanceof String raw ? raw : JSON.writeValueAsString(body);
                if (!headers.containsKey("Content-Type")) {
                    request.header("Content-Type", "application/json");
                }
                request.method(method, HttpRequest.BodyPublishers.ofString(text));
            }
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), parse(response));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(HttpResponse<String> response) throws IOException {
        boolean json = response.headers().firstValue("Content-Type").orElse("").contains("json");
        if (response.body().isEmpty()) {
            return JSON.nullNode();
        }
        return json ? JSON.readTree(response.body()) : JSON.getNodeFactory().textNode(response.body());
    }

    /** Every page of a paginated list, from {@code href} on, following the {@code next} links to the end. */
    List<JsonNode> pages(String href) {
        List<JsonNode> pages = new ArrayList<>();
        while (!href.isEmpty()) {
            JsonNode page = get(href).body();
            pages.add(page);
            href = href(page, "next");
        }
        return pages;
    }

    /** The {@code href} of the page link {@code rel} in a list's {@code meta.links}. */
    static String href(JsonNode page, String rel) {
        for (JsonNode link : page.at("/meta/links")) {
            if (link.get("rel").asText().equals(rel)) {
                return link.get("href").asText();
            }
        }
        throw new AssertionError("no link " + rel + " in " + page);
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A {@code 400} validation error naming exactly {@code parameters}. */
    static void assertInvalid(Response response, String... parameters) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.body().get("error_type").asText()).isEqualTo("validation");
        List<String> named = new ArrayList<>();
        response.body().get("invalid_parameters").forEach(problem -> named.add(problem.get("parameter").asText()));
        assertThat(named).containsExactlyInAnyOrder(parameters);
    }
}
