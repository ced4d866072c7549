package org.customerprofile.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Login, bearer tokens and companies through HTTP: only a token we signed, unexpired, opens the API;
 * every refusal has the contract's error body; the {@code Company-Id} header must name the caller's company.
 */
@StandaloneTest
class AuthenticationTest {

    private static final String SECRET = "test-only-secret-test-only-secret-0123456789";
    private static final String FOREIGN_SECRET = "some-other-secret-some-other-secret-0123456789";
    private static final String ISSUER = "customer-profile-service";
    private static final String APP_ID = "company1";
    private static final String APP_KEY = "key-of-company-one-0000000000000";
    private static final String COMPANY2_APP_KEY = "key-of-company-two-0000000000000";
    private static final String CUSTOMERS = "/v1/customers";
    private static final Set<String> ERROR_TYPES = Set.of(
            "bad_request", "validation", "unauthorized", "forbidden", "not_found", "conflict", "internal_server_error");

    /** A customer of company 1, made once: the target of the GET one and PUT calls. */
    private static String existingId;
    private static int existingPort;

    @LocalServerPort
    int port;
    ApiClient anonymous;
    ApiClient company1;

    @BeforeEach
    void setUp() {
        anonymous = ApiClient.anonymous(port);
        company1 = ApiClient.company1(port);
        if (existingId == null || existingPort != port) {
            existingId = company1.create("{\"reference\": \"" + uniqueReference() + "\", \"first_name\": \"Ada\"}");
            existingPort = port;
        }
    }

    // ---------------------------------------------------------------- login

    @ParameterizedTest(name = "POST {0}")
    @ValueSource(strings = {"/v1/login", "/v1/login/"})
    void loginAnswersABearerTokenValidForAnHour(String path) {
        ApiClient.Response response = anonymous.post(path, Map.of("app_id", APP_ID, "app_key", APP_KEY));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode body = response.body();
        assertThat(fieldNames(body)).containsExactlyInAnyOrder("token_type", "expires_in", "access_token");
        assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").isIntegralNumber()).isTrue();
        assertThat(body.get("expires_in").asLong()).isEqualTo(3600);
        assertThat(body.get("access_token").isTextual()).isTrue();
        assertThat(body.get("access_token").asText()).isNotBlank();
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(anonymous.withToken(body.get("access_token").asText()).get(CUSTOMERS).status()).isEqualTo(200);
    }

    @Test
    void loginAcceptsAnAppWhoseKeyIsConfiguredBcryptEncoded() {
        ApiClient.Response response = anonymous.post("/v1/login", Map.of("app_id", "company2", "app_key", COMPANY2_APP_KEY));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.body().get("token_type").asText()).isEqualTo("Bearer");
    }

    @Test
    void authorizationHeaderBuiltFromTokenTypeAndAccessTokenWorks() {
        JsonNode login = anonymous.post("/v1/login", Map.of("app_id", APP_ID, "app_key", APP_KEY)).body();
        String authorization = login.get("token_type").asText() + " " + login.get("access_token").asText();

        ApiClient.Response response = anonymous.send("GET", CUSTOMERS + "/" + existingId, null, Map.of("Authorization", authorization));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.body().get("customer_id").asText()).isEqualTo(existingId);
    }

    /**
     * Login is the one call that needs no token (contract: "every other call needs" one), so a client
     * that still sends its expired token when it logs in again must get a new one.
     */
    @ParameterizedTest(name = "{0} token sent along")
    @EnumSource(value = BrokenToken.class, names = {"EXPIRED", "FOREIGN_SIGNED", "NOT_A_JWT", "NOT_BEARER"})
    void loginSucceedsWhateverAuthorizationHeaderComesWithIt(BrokenToken token) throws JOSEException {
        ApiClient.Response response = anonymous.send("POST", "/v1/login", Map.of("app_id", APP_ID, "app_key", APP_KEY),
                Map.of("Authorization", authorizationFor(token)));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.body().get("token_type").asText()).isEqualTo("Bearer");
    }

    static Stream<Arguments> wrongCredentials() {
        return Stream.of(
                arguments(APP_ID, "key-of-company-one-0000000000001"),
                arguments(APP_ID, COMPANY2_APP_KEY),
                arguments("company2", APP_KEY),
                arguments("unknown1", APP_KEY),
                arguments("COMPANY1", APP_KEY),
                arguments(APP_ID, APP_KEY.toUpperCase()),
                arguments(APP_ID, APP_KEY + " "));
    }

    @ParameterizedTest(name = "app_id={0}")
    @MethodSource("wrongCredentials")
    void loginWithWrongOrUnknownCredentialsIs401(String appId, String appKey) {
        ApiClient.Response response = anonymous.post("/v1/login", Map.of("app_id", appId, "app_key", appKey));

        assertError(response, 401, "unauthorized", "/v1/login");
        assertThat(response.body().has("access_token")).isFalse();
    }

    static Stream<Arguments> incompleteLogins() {
        return Stream.of(
                arguments("{}", List.of("app_id", "app_key")),
                arguments("{\"app_id\": \"company1\"}", List.of("app_key")),
                arguments("{\"app_key\": \"" + APP_KEY + "\"}", List.of("app_id")),
                arguments("{\"app_id\": \"\", \"app_key\": \"\"}", List.of("app_id", "app_key")),
                arguments("{\"app_id\": null, \"app_key\": \"" + APP_KEY + "\"}", List.of("app_id")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("incompleteLogins")
    void loginWithMissingFieldsIs400NamingThem(String body, List<String> missing) {
        ApiClient.Response response = anonymous.post("/v1/login", body);

        assertError(response, 400, "validation", "/v1/login");
        assertThat(parametersOf(response)).containsExactlyInAnyOrderElementsOf(missing);
    }

    @ParameterizedTest(name = "body [{0}]")
    @ValueSource(strings = {"", "not json", "{\"app_id\": \"company1\", ", "[]", "{\"app_id\": {\"id\": 1}, \"app_key\": \"k\"}"})
    void loginWithAnUnreadableBodyIs400(String body) {
        ApiClient.Response response = anonymous.post("/v1/login", body);

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertErrorShape(response, "/v1/login");
        assertThat(response.body().get("error_type").asText()).isIn("bad_request", "validation");
    }

    @Test
    void theAppKeyNeverAppearsInAnyResponse() {
        List<ApiClient.Response> responses = new ArrayList<>();
        responses.add(anonymous.post("/v1/login", Map.of("app_id", APP_ID, "app_key", APP_KEY)));
        responses.add(anonymous.post("/v1/login/", Map.of("app_id", APP_ID, "app_key", APP_KEY)));
        responses.add(anonymous.post("/v1/login", Map.of("app_id", "company2", "app_key", APP_KEY)));
        responses.add(anonymous.post("/v1/login", Map.of("app_id", "nobody01", "app_key", APP_KEY)));
        responses.add(anonymous.post("/v1/login", Map.of("app_key", APP_KEY)));
        responses.add(anonymous.post("/v1/login", "{\"app_id\": \"company1\", \"app_key\": \"" + APP_KEY + "\""));
        responses.add(anonymous.post("/v1/login", "{\"app_id\": [\"company1\"], \"app_key\": \"" + APP_KEY + "\"}"));
        responses.add(anonymous.send("POST", "/v1/login", "{\"app_id\": \"company1\", \"app_key\": \"" + APP_KEY + "\"}",
                Map.of("Content-Type", "text/plain")));
        responses.add(anonymous.send("GET", "/v1/login?app_id=company1&app_key=" + APP_KEY, null, Map.of()));
        responses.add(anonymous.send("GET", CUSTOMERS, null, Map.of("Authorization", "Bearer " + APP_KEY)));
        responses.add(anonymous.send("GET", CUSTOMERS, null, Map.of("Authorization", APP_ID + " " + APP_KEY)));
        responses.add(company1.post(CUSTOMERS, Map.of("reference", uniqueReference(), "dob", "never", "app_key", APP_KEY)));

        for (ApiClient.Response response : responses) {
            assertThat(response.body().toString()).as("body of %s", response).doesNotContain(APP_KEY);
            assertThat(response.headers().map().toString()).as("headers of %s", response).doesNotContain(APP_KEY);
        }
        String token = responses.get(0).body().get("access_token").asText();
        for (String part : token.split("\\.")) {
            assertThat(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.ISO_8859_1))
                    .as("the token carries no key").doesNotContain(APP_KEY);
        }
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void theAppKeyIsNeverLogged(CapturedOutput output) {
        anonymous.post("/v1/login", Map.of("app_id", APP_ID, "app_key", APP_KEY));
        anonymous.post("/v1/login", Map.of("app_id", "company2", "app_key", APP_KEY));
        anonymous.post("/v1/login", Map.of("app_id", "nobody01", "app_key", APP_KEY));
        anonymous.post("/v1/login", "{\"app_id\": [\"company1\"], \"app_key\": \"" + APP_KEY + "\"}");
        anonymous.send("GET", CUSTOMERS, null, Map.of("Authorization", "Bearer " + APP_KEY));

        assertThat(output.getAll()).doesNotContain(APP_KEY);
    }

    // ---------------------------------------------------------------- tokens

    enum Endpoint {
        LIST("GET", "/v1/customers"),
        LIST_WITH_SLASH("GET", "/v1/customers/"),
        RETRIEVE("GET", "/v1/customers/{id}"),
        CREATE("POST", "/v1/customers"),
        UPDATE("PUT", "/v1/customers/{id}");

        final String method;
        final String path;

        Endpoint(String method, String path) {
            this.method = method;
            this.path = path;
        }
    }

    enum BrokenToken { MISSING, NOT_A_JWT, GARBLED, EMPTY_BEARER, EXPIRED, UNSIGNED_ALG_NONE, FOREIGN_SIGNED, TAMPERED, NOT_BEARER,
        ISSUED_WITH_A_KEY_NOT_CONFIGURED, WITHOUT_KEY_ID }

    static Stream<Arguments> endpointsAndBrokenTokens() {
        List<Arguments> cases = new ArrayList<>();
        for (Endpoint endpoint : Endpoint.values()) {
            for (BrokenToken token : BrokenToken.values()) {
                cases.add(arguments(endpoint, token));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} with {1} token")
    @MethodSource("endpointsAndBrokenTokens")
    void refusesEveryEndpointWithoutAValidTokenAs401AndChangesNothing(Endpoint endpoint, BrokenToken token) throws JOSEException {
        String reference = uniqueReference();
        JsonNode before = company1.get(CUSTOMERS + "/" + existingId).body();
        String path = endpoint.path.replace("{id}", existingId);
        String body = endpoint.method.equals("GET") ? null
                : "{\"reference\": \"" + reference + "\", \"first_name\": \"Mallory\"}";
        Map<String, String> headers = new HashMap<>();
        String authorization = authorizationFor(token);
        if (authorization != null) {
            headers.put("Authorization", authorization);
        }

        ApiClient.Response response = anonymous.send(endpoint.method, path, body, headers);

        assertError(response, 401, "unauthorized", path.endsWith("/") ? null : path);
        assertThat(company1.get(CUSTOMERS + "?reference=" + reference).body().at("/meta/total").asLong())
                .as("nothing created").isZero();
        assertThat(company1.get(CUSTOMERS + "/" + existingId).body()).as("nothing changed").isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Endpoint.class)
    void aTokenSignedWithTheServiceSecretOpensEveryEndpoint(Endpoint endpoint) throws JOSEException {
        String path = endpoint.path.replace("{id}", existingId);
        String body = endpoint.method.equals("GET") ? null : "{\"reference\": \"" + uniqueReference() + "\"}";

        ApiClient.Response response = anonymous.send(endpoint.method, path, body,
                Map.of("Authorization", "Bearer " + signed(validClaims().build(), SECRET)));

        assertThat(response.status()).as(response.toString()).isEqualTo(endpoint == Endpoint.CREATE ? 201 : 200);
    }

    private static String authorizationFor(BrokenToken token) throws JOSEException {
        return switch (token) {
            case MISSING -> null;
            case NOT_A_JWT -> "Bearer not-a-token";
            case GARBLED -> "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjb21wYW55MSJ9.%%%";
            case EMPTY_BEARER -> "Bearer ";
            case EXPIRED -> {
                Instant now = Instant.now();
                yield "Bearer " + signed(validClaims()
                        .issueTime(Date.from(now.minus(Duration.ofHours(3))))
                        .expirationTime(Date.from(now.minus(Duration.ofHours(2))))
                        .build(), SECRET);
            }
            case UNSIGNED_ALG_NONE -> "Bearer " + new PlainJWT(validClaims().build()).serialize();
            case FOREIGN_SIGNED -> "Bearer " + signed(validClaims().build(), FOREIGN_SECRET);
            case TAMPERED -> "Bearer " + tampered(signed(validClaims().build(), SECRET));
            case ISSUED_WITH_A_KEY_NOT_CONFIGURED -> "Bearer " + signed(validClaims().claim("app_key_id", keyId(APP_ID, "a-key-no-longer-configured")).build(), SECRET);
            case WITHOUT_KEY_ID -> "Bearer " + signed(validClaims().claim("app_key_id", null).build(), SECRET);
            case NOT_BEARER -> "Basic " + Base64.getEncoder().encodeToString((APP_ID + ":" + APP_KEY).getBytes(StandardCharsets.UTF_8));
        };
    }

    /** What the service itself puts in a token for company 1's app, valid for ten minutes. */
    private static JWTClaimsSet.Builder validClaims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(APP_ID)
                .claim("company_id", ApiClient.COMPANY_1)
                .claim("app_key_id", keyId(APP_ID, APP_KEY))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(10))));
    }

    /** The fingerprint the service gives an app's key as configured: HMAC-SHA256 under the token secret, 12 bytes. */
    private static String keyId(String appId, String configuredKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal(("app-key\u0000" + appId + "\u0000" + configuredKey).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 12));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String signed(JWTClaimsSet claims, String secret) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    /** The same signature over a payload that now claims company 2. */
    private static String tampered(String token) {
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace(ApiClient.COMPANY_1, ApiClient.COMPANY_2);
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return parts[0] + "." + forged + "." + parts[2];
    }

    // ---------------------------------------------------------------- companies

    @ParameterizedTest(name = "{0} with Company-Id {1}")
    @MethodSource("foreignCompanyHeaders")
    void companyIdHeaderNamingAnotherCompanyIs403AndChangesNothing(Endpoint endpoint, String companyId) {
        String reference = uniqueReference();
        JsonNode before = company1.get(CUSTOMERS + "/" + existingId).body();
        String path = endpoint.path.replace("{id}", existingId);
        String body = endpoint.method.equals("GET") ? null : "{\"reference\": \"" + reference + "\", \"first_name\": \"Eve\"}";

        ApiClient.Response response = company1.send(endpoint.method, path, body, Map.of("Company-Id", companyId));

        assertError(response, 403, "forbidden", path.endsWith("/") ? null : path);
        assertThat(company1.get(CUSTOMERS + "?reference=" + reference).body().at("/meta/total").asLong())
                .as("nothing created").isZero();
        assertThat(company1.get(CUSTOMERS + "/" + existingId).body()).as("nothing changed").isEqualTo(before);
    }

    static Stream<Arguments> foreignCompanyHeaders() {
        List<Arguments> cases = new ArrayList<>();
        for (Endpoint endpoint : Endpoint.values()) {
            cases.add(arguments(endpoint, ApiClient.COMPANY_2));
        }
        cases.add(arguments(Endpoint.CREATE, UUID.randomUUID().toString()));
        cases.add(arguments(Endpoint.RETRIEVE, "not-a-company"));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Endpoint.class)
    void companyIdHeaderNamingTheOwnCompanyIsAccepted(Endpoint endpoint) {
        String path = endpoint.path.replace("{id}", existingId);
        String body = endpoint.method.equals("GET") ? null : "{\"reference\": \"" + uniqueReference() + "\", \"last_name\": \"Lovelace\"}";

        ApiClient.Response response = company1.send(endpoint.method, path, body, Map.of("Company-Id", ApiClient.COMPANY_1));

        assertThat(response.status()).as(response.toString()).isEqualTo(endpoint == Endpoint.CREATE ? 201 : 200);
    }

    @Test
    void anotherCompanysCustomerIsNotFoundAndCannotBeChanged() {
        ApiClient company2 = ApiClient.company2(port);
        JsonNode before = company1.get(CUSTOMERS + "/" + existingId).body();

        ApiClient.Response read = company2.get(CUSTOMERS + "/" + existingId);
        ApiClient.Response write = company2.put(CUSTOMERS + "/" + existingId, "{\"first_name\": \"Eve\"}");

        assertError(read, 404, "not_found", CUSTOMERS + "/" + existingId);
        assertError(write, 404, "not_found", CUSTOMERS + "/" + existingId);
        assertThat(company1.get(CUSTOMERS + "/" + existingId).body()).isEqualTo(before);
    }

    // ---------------------------------------------------------------- helpers

    private static String uniqueReference() {
        return "auth_" + UUID.randomUUID().toString().replace("-", "");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> parametersOf(ApiClient.Response response) {
        List<String> names = new ArrayList<>();
        response.body().path("invalid_parameters").forEach(parameter -> names.add(parameter.get("parameter").asText()));
        return names;
    }

    /** {@code instance} null: any path (the service may show a trailing-slash path with or without its slash). */
    private static void assertError(ApiClient.Response response, int status, String errorType, String instance) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertErrorShape(response, instance);
        assertThat(response.body().get("error_type").asText()).as(response.toString()).isEqualTo(errorType);
    }

    private static void assertErrorShape(ApiClient.Response response, String instance) {
        JsonNode body = response.body();
        assertThat(body.isObject()).as("error body of %s", response).isTrue();
        assertThat(fieldNames(body)).as(body.toString()).containsAll(List.of("status", "error_type", "title", "instance"));
        assertThat(fieldNames(body)).as(body.toString()).isSubsetOf("status", "error_type", "title", "instance", "invalid_parameters");
        assertThat(body.get("status").asText()).isEqualTo("error");
        assertThat(body.get("error_type").asText()).isIn(ERROR_TYPES);
        assertThat(body.get("title").asText()).isNotBlank();
        if (instance != null) {
            assertThat(body.get("instance").asText()).isEqualTo(instance);
        } else {
            assertThat(body.get("instance").asText()).startsWith("/v1/");
        }
        body.path("invalid_parameters").forEach(parameter -> {
            assertThat(fieldNames(parameter)).as(parameter.toString()).containsExactlyInAnyOrder("parameter", "reason");
            assertThat(parameter.get("reason").asText()).isNotBlank();
        });
        assertThat(response.header("Content-Type")).as("content type of %s", response).startsWith("application/json");
    }
}
