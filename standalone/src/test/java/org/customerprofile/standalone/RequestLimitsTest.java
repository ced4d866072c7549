package org.customerprofile.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What one request may cost ({@code customers.requests.*}) and the one error shape for what Spring never
 * sees: each refusal is quick, in the contract's body, and leaves no customer behind.
 */
@StandaloneTest
class RequestLimitsTest {

    @LocalServerPort
    int port;
    ApiClient company1;
    String token;

    @BeforeEach
    void logIn() {
        token = ApiClient.anonymous(port).post("/v1/login", Map.of("app_id", "company1", "app_key", "key-of-company-one-0000000000000"))
                .body().get("access_token").asText();
        company1 = ApiClient.anonymous(port).withToken(token);
    }

    private static String manyKeys(int n) {
        StringBuilder json = new StringBuilder("{\"reference\": \"limits\"");
        for (int i = 0; i < n; i++) {
            json.append(",\"k").append(i).append("\":0");
        }
        return json.append('}').toString();
    }

    private long total() {
        return company1.get("/v1/customers?limit=1").body().at("/meta/total").asLong();
    }

    @Test
    void aBodyWithAQuarterMillionUnknownKeysIsRefusedAt413Quickly() {
        long before = total();
        long started = System.nanoTime();

        ApiClient.Response response = company1.post("/v1/customers", manyKeys(250_000));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.body().get("error_type").asText()).isEqualTo("bad_request");
        assertThat(response.body().get("title").asText()).isEqualTo("The request body is too large.");
        assertThat(response.body().at("/invalid_parameters/0").toString()).isEqualTo(
                "{\"parameter\":\"body\",\"reason\":\"must be at most 65536 bytes\"}");
        assertThat(total()).isEqualTo(before);
    }

    @Test
    void aBodyUnderTheSizeButOverTheTokensNestingOrStringLengthIsA400() {
        ApiClient.Response tokens = company1.post("/v1/customers", manyKeys(5_000));
        assertThat(tokens.status()).isEqualTo(400);
        assertThat(tokens.body().at("/invalid_parameters/0/reason").asText()).isEqualTo("must not hold more than 2000 JSON tokens");

        ApiClient.Response nesting = company1.post("/v1/customers", "{\"a\":".repeat(20) + "1" + "}".repeat(20));
        assertThat(nesting.status()).isEqualTo(400);
        assertThat(nesting.body().at("/invalid_parameters/0/parameter").asText()).isEqualTo("body");

        ApiClient.Response string = company1.post("/v1/customers", Map.of("billing", Map.of("address", Map.of("line_1", "x".repeat(5_000)))));
        assertThat(string.status()).isEqualTo(400);
        assertThat(string.body().at("/invalid_parameters/0").toString())
                .isEqualTo("{\"parameter\":\"billing.address.line_1\",\"reason\":\"must be at most 4096 characters\"}");
    }

    @Test
    void aChunkedBodyOverTheSizeIsRefusedToo() {
        byte[] body = manyKeys(20_000).getBytes(StandardCharsets.UTF_8);
        String head = "POST /v1/login HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(body.length) + "\r\n";
        byte[] request = (head + new String(body, StandardCharsets.ISO_8859_1) + "\r\n0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);

        RawHttp.Response response = RawHttp.send(port, request);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.json().get("error_type").asText()).isEqualTo("bad_request");
    }

    @Test
    void queryParametersAndIdempotencyKeysMustBeStrictText() {
        ApiClient.Response query = company1.get("/v1/customers?reference=%C0%AF&q=%ED%A0%80");
        ApiClient.assertInvalid(query, "reference", "q");

        long before = total();
        for (String key : new String[]{"caf\u00e9", "a\u0001b"}) {
            // raw bytes: Java's HTTP client would send '?' for what is not ASCII
            RawHttp.Response response = RawHttp.send(port, "POST /v1/customers HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                    + "Authorization: Bearer " + token + "\r\nContent-Type: application/json\r\nIdempotency-Key: " + key
                    + "\r\nContent-Length: 2\r\n\r\n{}");

            assertThat(response.status()).as(key).isEqualTo(400);
            assertThat(response.json().get("status").asText()).isEqualTo("error");
            if (!key.contains("\u0001")) {
                // (a control character never gets this far: Tomcat refuses the header)
                assertThat(response.json().at("/invalid_parameters/0/parameter").asText()).isEqualTo("Idempotency-Key");
            }
        }
        assertThat(total()).isEqualTo(before);
    }

    @Test
    void whatTomcatRefusesIsAnsweredInTheErrorShape() {
        for (String request : new String[]{
                "GET /v1/customers/{x} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                "GET /v1/customers/a%2fb HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                "GET /v1/customers HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "b".repeat(9_000) + "\r\n\r\n",
                "POST /v1/login HTTP/1.1\r\nHost: localhost\r\nContent-Length: -1\r\nConnection: close\r\n\r\n",
                "GET / HTTP/9.9\r\nHost: localhost\r\nConnection: close\r\n\r\n"}) {
            RawHttp.Response response = RawHttp.send(port, request);

            assertThat(response.status()).as(request).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/json");
            JsonNode body = response.json();
            assertThat(body.get("status").asText()).isEqualTo("error");
            assertThat(body.get("error_type").asText()).isEqualTo("bad_request");
            assertThat(body.get("title").asText()).isEqualTo("Your request could not be understood.");
            assertThat(body.has("instance")).isTrue();
        }
    }

    @Test
    void aGetWithoutContentLengthAsCurlSendsItReachesTheHealthEndpoint() {
        // what docker-compose's health check (curl -fsS …/actuator/health) sends: no Content-Length, no body
        RawHttp.Response response = RawHttp.send(port, "GET /actuator/health HTTP/1.1\r\nHost: localhost\r\nAccept: */*\r\nConnection: close\r\n\r\n");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().has("status")).isTrue();
    }

    @Test
    void unsupportedMethodsAre405AndTheErrorPathIsNotAResource() {
        for (String method : new String[]{"CONNECT", "TRACE", "FOO"}) {
            RawHttp.Response response = RawHttp.send(port, method + " /v1/login HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

            assertThat(response.status()).as(method).isEqualTo(405);
            assertThat(response.json().get("title").asText()).isEqualTo("This method is not supported for this resource.");
        }
        for (String method : new String[]{"GET", "POST", "DELETE"}) {
            RawHttp.Response response = RawHttp.send(port, method + " /error HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

            assertThat(response.status()).as(method).isEqualTo(404);
            assertThat(response.json().get("error_type").asText()).isEqualTo("not_found");
        }
    }

    @Test
    void anErrorIsJsonWhateverTheClientAccepts() {
        ApiClient.Response response = company1.send("GET", "/v1/customers?limit=0", null, Map.of("Accept", "application/xml"));

        assertThat(response.status()).isIn(400, 406);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(response.body().get("status").asText()).isEqualTo("error");
    }
}
