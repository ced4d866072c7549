package org.customerprofile.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every rule of the contract's field table, through HTTP: at least one value accepted and one rejected
 * per field, the one error shape, every problem of a request reported at once, and a rejected request
 * changing nothing.
 */
@StandaloneTest
class CustomerValidationTest {

    private static final String CUSTOMERS = "/v1/customers";
    private static final String VALIDATION_TITLE = "Your request parameters did not pass our validation.";
    private static final Set<String> ERROR_TYPES = Set.of(
            "bad_request", "validation", "unauthorized", "forbidden", "not_found", "conflict", "internal_server_error");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Logging in costs a slow hash; one session serves the whole class. */
    private static ApiClient session;
    private static int sessionPort;

    @LocalServerPort
    int port;
    ApiClient company1;

    @BeforeEach
    void logIn() {
        if (session == null || sessionPort != port) {
            session = ApiClient.company1(port);
            sessionPort = port;
        }
        company1 = session;
    }

    // ---------------------------------------------------------------- accepted values, per field

    static Stream<Arguments> acceptedValues() {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        return Stream.of(
                arguments("first_name", "José", "José"),
                arguments("first_name", "Łukasz", "Łukasz"),
                arguments("first_name", "O'Brien-Smith Jr.", "O'Brien-Smith Jr."),
                arguments("first_name", "Jose\u0301", "Jose\u0301"),
                arguments("first_name", "Ἀλέξανδρος", "Ἀλέξανδρος"),
                arguments("first_name", "李小龍", "李小龍"),
                arguments("first_name", "a".repeat(50), "a".repeat(50)),
                arguments("last_name", "Nguyễn", "Nguyễn"),
                arguments("last_name", "O'Brien-Smith Jr.", "O'Brien-Smith Jr."),
                arguments("last_name", "Müller Lüdenscheidt", "Müller Lüdenscheidt"),
                arguments("last_name", "b".repeat(50), "b".repeat(50)),
                arguments("dob", "1990-01-01", "1990-01-01"),
                arguments("dob", "2024-02-29", "2024-02-29"),
                arguments("dob", "2000-02-29", "2000-02-29"),
                arguments("dob", today, today),
                arguments("ip", "127.0.0.1", "127.0.0.1"),
                arguments("ip", "255.255.255.255", "255.255.255.255"),
                arguments("ip", "0.0.0.0", "0.0.0.0"),
                arguments("ip", "::1", "::1"),
                arguments("ip", "2001:0db8:85a3:0000:0000:8a2e:0370:7334", "2001:0db8:85a3:0000:0000:8a2e:0370:7334"),
                arguments("ip", "2001:db8::8a2e:370:7334", "2001:db8::8a2e:370:7334"),
                arguments("ip", "::ffff:192.0.2.1", "::ffff:192.0.2.1"),
                arguments("custom_data", "eyJtZW1iZXJzaGlwIjoiZ29sZCJ9", "eyJtZW1iZXJzaGlwIjoiZ29sZCJ9"),
                arguments("custom_data", "YQ==", "YQ=="),
                arguments("custom_data", "A".repeat(2048), "A".repeat(2048)),
                arguments("email", "zoe@example.com", "zoe@example.com"),
                arguments("billing.address.line_1", "1".repeat(50), "1".repeat(50)),
                arguments("billing.address.line_2", "Flat 2, 3rd floor", "Flat 2, 3rd floor"),
                arguments("billing.address.line_2", "2".repeat(50), "2".repeat(50)),
                arguments("billing.address.city", "X", "X"),
                arguments("billing.address.city", "c".repeat(40), "c".repeat(40)),
                arguments("billing.address.postcode", "E1 7RT", "E1 7RT"),
                arguments("billing.address.postcode", "p".repeat(40), "p".repeat(40)),
                arguments("billing.address.state", "TX", "TX"),
                arguments("billing.address.state", "ca", "CA"),
                arguments("billing.address.state", "ENG", "ENG"),
                arguments("billing.address.country_code", "gb", "GB"),
                arguments("billing.address.country_code", "GB", "GB"),
                arguments("billing.address.country_code", "Us", "US"),
                arguments("billing.email", "john@example.com", "john@example.com"),
                arguments("billing.email", emailOfLength(254), emailOfLength(254)),
                arguments("billing.phone.country_code", "1", "1"),
                arguments("billing.phone.country_code", "44", "44"),
                arguments("billing.phone.country_code", "353", "353"),
                arguments("billing.phone.number", "2039826580", "2039826580"),
                arguments("billing.phone.number", "123456789012345", "123456789012345"),
                arguments("shipping.address_match", true, true),
                arguments("shipping.address_match", false, false),
                arguments("shipping.address.line_1", "s".repeat(50), "s".repeat(50)),
                arguments("shipping.address.line_2", "t".repeat(50), "t".repeat(50)),
                arguments("shipping.address.city", "Austin", "Austin"),
                arguments("shipping.address.city", "u".repeat(40), "u".repeat(40)),
                arguments("shipping.address.postcode", "v".repeat(40), "v".repeat(40)),
                arguments("shipping.address.state", "tx", "TX"),
                arguments("shipping.address.country_code", "fr", "FR"),
                arguments("shipping.email", "ship@example.com", "ship@example.com"),
                arguments("shipping.email", emailOfLength(254), emailOfLength(254)),
                arguments("shipping.phone.country_code", "1", "1"),
                arguments("shipping.phone.number", "123456789012345", "123456789012345"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("acceptedValues")
    void acceptsValidValue(String path, Object value, Object shown) {
        String reference = uniqueReference();

        String id = company1.create(set(customer(reference), path, value));

        JsonNode customer = company1.get(CUSTOMERS + "/" + id).body();
        assertThat(customer.at(pointer(path))).as(path).isEqualTo(JSON.valueToTree(shown));
        assertThat(customer.get("reference").asText()).isEqualTo(reference);
    }

    // ---------------------------------------------------------------- rejected values, per field

    static Stream<Arguments> rejectedValues() {
        String nextYear = LocalDate.now(ZoneOffset.UTC).plusYears(1).toString();
        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(2).toString();
        return Stream.of(
                arguments("first_name", "John2"),
                arguments("first_name", "J0hn"),
                arguments("first_name", "John_Smith"),
                arguments("first_name", "John!"),
                arguments("first_name", "<script>"),
                arguments("first_name", "a".repeat(51)),
                arguments("last_name", "Smith3"),
                arguments("last_name", "Smith@home"),
                arguments("last_name", "b".repeat(51)),
                arguments("dob", "2023-02-29"),
                arguments("dob", "1990-02-30"),
                arguments("dob", "1990-13-01"),
                arguments("dob", "1990-1-1"),
                arguments("dob", "01/02/1990"),
                arguments("dob", "19900101"),
                arguments("dob", "1990-01-01T00:00:00Z"),
                arguments("dob", "yesterday"),
                arguments("dob", tomorrow),
                arguments("dob", nextYear),
                arguments("ip", "256.1.1.1"),
                arguments("ip", "1.2.3"),
                arguments("ip", "1.2.3.4.5"),
                arguments("ip", "example.com"),
                arguments("ip", "localhost"),
                arguments("ip", "2001:db8::g1"),
                arguments("ip", "1::2::3"),
                arguments("ip", "12345::1"),
                arguments("custom_data", "not base64!"),
                arguments("custom_data", "a"),
                arguments("custom_data", "A".repeat(2052)),
                arguments("email", "not-an-email"),
                arguments("email", emailOfLength(255)),
                arguments("billing.address.line_1", "1".repeat(51)),
                arguments("billing.address.line_2", "2".repeat(51)),
                arguments("billing.address.city", "c".repeat(41)),
                arguments("billing.address.postcode", "p".repeat(41)),
                arguments("billing.address.state", "ABCD"),
                arguments("billing.address.country_code", "XX"),
                arguments("billing.address.country_code", "GBR"),
                arguments("billing.address.country_code", "G"),
                arguments("billing.address.country_code", "12"),
                arguments("billing.email", "not-an-email"),
                arguments("billing.email", "john@"),
                arguments("billing.email", "@example.com"),
                arguments("billing.email", "john doe@example.com"),
                arguments("billing.email", emailOfLength(255)),
                arguments("billing.phone.country_code", "1234"),
                arguments("billing.phone.country_code", "+44"),
                arguments("billing.phone.country_code", "4a"),
                arguments("billing.phone.number", "1234567890123456"),
                arguments("billing.phone.number", "+442039826580"),
                arguments("billing.phone.number", "203-982-6580"),
                arguments("shipping.address.line_1", "s".repeat(51)),
                arguments("shipping.address.line_2", "t".repeat(51)),
                arguments("shipping.address.city", "u".repeat(41)),
                arguments("shipping.address.postcode", "v".repeat(41)),
                arguments("shipping.address.state", "ABCD"),
                arguments("shipping.address.country_code", "XX"),
                arguments("shipping.address.country_code", "GBR"),
                arguments("shipping.email", "not-an-email"),
                arguments("shipping.email", emailOfLength(255)),
                arguments("shipping.phone.country_code", "1234"),
                arguments("shipping.phone.number", "1234567890123456"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("rejectedValues")
    void rejectsInvalidValueAndCreatesNothing(String path, String value) {
        String reference = uniqueReference();

        ApiClient.Response response = company1.post(CUSTOMERS, set(customer(reference), path, value));

        assertValidationError(response, CUSTOMERS, path);
        assertNoCustomerWithReference(reference);
    }

    @Test
    void emailReasonIsTheContractsWording() {
        ApiClient.Response response = company1.post(CUSTOMERS, set(customer(uniqueReference()), "billing.email", "nope"));

        assertValidationError(response, CUSTOMERS, "billing.email");
        assertThat(response.body()).isEqualTo(ApiClient.json("""
                {"status": "error", "error_type": "validation", "title": "Your request parameters did not pass our validation.",
                 "instance": "/v1/customers", "invalid_parameters": [{"parameter": "billing.email", "reason": "must be an email address"}]}"""));
    }

    // ---------------------------------------------------------------- reference

    @Test
    void acceptsReferenceOf50LettersDigitsAndUnderscoreHyphenDotComma() {
        String reference = ("Ab_-.,9" + UUID.randomUUID().toString().replace("-", "")).substring(0, 39) + "x".repeat(11);
        assertThat(reference).hasSize(50);

        String id = company1.create(customer(reference));

        assertThat(company1.get(CUSTOMERS + "/" + id).body().get("reference").asText()).isEqualTo(reference);
    }

    @Test
    void rejectsReferenceLongerThan50() {
        String unique = uniqueReference();
        String reference = unique + "x".repeat(51 - unique.length());
        assertThat(reference).hasSize(51);

        ApiClient.Response response = company1.post(CUSTOMERS, customer(reference));

        assertValidationError(response, CUSTOMERS, "reference");
        assertNoCustomerWithReference(reference);
    }

    @ParameterizedTest(name = "reference with \"{0}\"")
    @ValueSource(strings = {" ", "!", "@", "#", "/", ";", "+", "*", "'", "\t"})
    void rejectsReferenceWithSpaceOrSymbol(String character) {
        String reference = "ref" + character + uniqueReference();

        ApiClient.Response response = company1.post(CUSTOMERS, customer(reference));

        assertValidationError(response, CUSTOMERS, "reference");
        assertNoCustomerWithReference(reference);
    }

    @Test
    void trimsSurroundingSpacesOffTheReference() {
        String reference = uniqueReference();

        String id = company1.create(customer("  " + reference + " "));

        assertThat(company1.get(CUSTOMERS + "/" + id).body().get("reference").asText()).isEqualTo(reference);
    }

    @Test
    void referenceOfOnlySpacesIsNotStoredAsAnEmptyReference() {
        ApiClient.Response response = company1.post(CUSTOMERS, "{\"reference\": \"   \", \"first_name\": \"Blank\"}");

        if (response.status() == 400) {
            assertValidationError(response, CUSTOMERS, "reference");
        } else {
            assertThat(response.status()).as(response.toString()).isEqualTo(201);
            JsonNode customer = company1.get(CUSTOMERS + "/" + response.body().get("customer_id").asText()).body();
            assertThat(customer.has("reference")).as("trimmed to \"\", which counts as not given: %s", customer).isFalse();
        }
    }

    // ---------------------------------------------------------------- empty strings, nothing required

    @Test
    void acceptsAnEmptyBodyAsNoFieldIsRequired() {
        ApiClient.Response created = company1.post(CUSTOMERS, "{}");

        assertThat(created.status()).isEqualTo(201);
    }

    @Test
    void emptyStringsCountAsNotGivenSoMinimumLengthsDoNotApply() {
        String reference = uniqueReference();
        ObjectNode body = customer(reference);
        for (String path : List.of("first_name", "dob", "ip", "custom_data", "email", "billing.address.line_2",
                "billing.address.city", "billing.address.postcode", "billing.address.state", "billing.address.country_code",
                "billing.email", "billing.phone.country_code", "billing.phone.number", "shipping.address.city")) {
            set(body, path, "");
        }

        String id = company1.create(body);

        JsonNode customer = company1.get(CUSTOMERS + "/" + id).body();
        assertThat(customer.has("first_name")).isFalse();
        assertThat(customer.has("dob")).isFalse();
        assertThat(customer.has("billing")).as("only empty strings under billing").isFalse();
        assertThat(customer.at("/shipping/address").isMissingNode() || customer.at("/shipping/address").isEmpty()).isTrue();
    }

    // ---------------------------------------------------------------- all problems at once

    @Test
    void reportsEveryInvalidFieldAtOnceTypeAndRuleErrorsTogether() {
        String reference = uniqueReference();
        ObjectNode body = (ObjectNode) ApiClient.json("""
                {"reference": "%s",
                 "first_name": 42,
                 "last_name": "Sm1th",
                 "dob": "2023-02-29",
                 "ip": "256.1.1.1",
                 "custom_data": {"not": "a string"},
                 "email": ["a@example.com"],
                 "billing": {"address": {"city": "London", "postcode": "p%s", "country_code": "XX"},
                             "email": "nope", "phone": {"country_code": 44, "number": "abc"}},
                 "shipping": {"address_match": "yes", "address": "1 High Street", "phone": {"number": "1234567890123456"}}}"""
                .formatted(reference, "p".repeat(40)));

        ApiClient.Response response = company1.post(CUSTOMERS, body);

        assertValidationError(response, CUSTOMERS, "first_name", "last_name", "dob", "ip", "custom_data", "email",
                "billing.address.postcode", "billing.address.country_code", "billing.email", "billing.phone.country_code",
                "billing.phone.number", "shipping.address_match", "shipping.address", "shipping.phone.number");
        assertNoCustomerWithReference(reference);
    }

    @Test
    void rejectsReadOnlyFieldsNamingEachOne() {
        String reference = uniqueReference();
        ObjectNode body = customer(reference);
        body.put("customer_id", UUID.randomUUID().toString());
        body.put("company_id", ApiClient.COMPANY_1);
        body.put("created", "2024-01-01T00:00:00.000Z");
        body.put("last_updated", "2024-01-01T00:00:00.000Z");

        ApiClient.Response response = company1.post(CUSTOMERS, body);

        assertValidationError(response, CUSTOMERS, "customer_id", "company_id", "created", "last_updated");
        assertNoCustomerWithReference(reference);
    }

    @Test
    void reportsReadOnlyFieldsTogetherWithRuleErrors() {
        String reference = uniqueReference();
        ObjectNode body = set(customer(reference), "billing.address.country_code", "XX");
        body.put("customer_id", UUID.randomUUID().toString());

        ApiClient.Response response = company1.post(CUSTOMERS, body);

        assertValidationError(response, CUSTOMERS, "customer_id", "billing.address.country_code");
        assertNoCustomerWithReference(reference);
    }

    // ---------------------------------------------------------------- wrong JSON types

    static Stream<Arguments> wrongTypes() {
        return Stream.of(
                arguments("first_name", "{\"given\": \"John\"}"),
                arguments("first_name", "42"),
                arguments("reference", "true"),
                arguments("dob", "19900101"),
                arguments("ip", "[\"127.0.0.1\"]"),
                arguments("custom_data", "{}"),
                arguments("email", "[]"),
                arguments("billing", "\"x\""),
                arguments("billing", "[]"),
                arguments("billing", "7"),
                arguments("billing.address", "\"1 High Street, London\""),
                arguments("billing.address.city", "{\"name\": \"London\"}"),
                arguments("billing.address.postcode", "17100"),
                arguments("billing.phone", "\"+44 20 3982 6580\""),
                arguments("billing.phone.number", "2039826580"),
                arguments("billing.phone.country_code", "44"),
                arguments("shipping", "true"),
                arguments("shipping.address_match", "\"true\""),
                arguments("shipping.address_match", "\"yes\""),
                arguments("shipping.address_match", "1"),
                arguments("shipping.address_match", "{}"),
                arguments("shipping.address", "[]"),
                arguments("shipping.email", "false"),
                arguments("shipping.phone.number", "123"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("wrongTypes")
    void rejectsValueOfTheWrongJsonTypeNamingIt(String path, String json) {
        String reference = uniqueReference();

        ApiClient.Response response = company1.post(CUSTOMERS, set(customer(reference), path, ApiClient.json(json)));

        assertValidationError(response, CUSTOMERS, path);
        assertNoCustomerWithReference(reference);
    }

    @ParameterizedTest(name = "body {0}")
    @ValueSource(strings = {"[]", "[1]", "[{\"reference\": \"x\"}]", "\"customer\"", "42", "true", "null"})
    void rejectsABodyThatIsNotAJsonObject(String body) {
        long before = totalCustomers();

        ApiClient.Response response = company1.post(CUSTOMERS, body);

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertErrorShape(response, CUSTOMERS);
        assertThat(response.body().get("error_type").asText()).isIn("bad_request", "validation");
        assertThat(totalCustomers()).isEqualTo(before);
    }

    @ParameterizedTest(name = "body {0}")
    @ValueSource(strings = {
            "{\"reference\": ",
            "{\"reference\": \"REF\",}",
            "{reference: \"REF\"}",
            "{'reference': 'REF'}",
            "{\"reference\": \"REF\"}}",
            "{\"reference\": \"REF\"} trailing",
            "not json at all",
            ""})
    void rejectsMalformedJsonAsBadRequest(String template) {
        String reference = uniqueReference();

        ApiClient.Response response = company1.post(CUSTOMERS, template.replace("REF", reference));

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertErrorShape(response, CUSTOMERS);
        assertThat(response.body().get("error_type").asText()).isEqualTo("bad_request");
        assertNoCustomerWithReference(reference);
    }

    // ---------------------------------------------------------------- media type, method, path

    @Test
    void rejectsACreateWithoutContentTypeAs415() {
        String reference = uniqueReference();

        ApiClient.Response response = raw("POST", CUSTOMERS, customer(reference).toString(), null);

        assertThat(response.status()).as(response.toString()).isEqualTo(415);
        assertErrorShape(response, CUSTOMERS);
        assertNoCustomerWithReference(reference);
    }

    @Test
    void rejectsACreateSentAsTextPlainAs415() {
        String reference = uniqueReference();

        ApiClient.Response response = company1.send("POST", CUSTOMERS, customer(reference).toString(),
                Map.of("Content-Type", "text/plain"));

        assertThat(response.status()).as(response.toString()).isEqualTo(415);
        assertErrorShape(response, CUSTOMERS);
        assertNoCustomerWithReference(reference);
    }

    @Test
    void rejectsAnUpdateSentAsTextPlainAs415AndChangesNothing() {
        String id = company1.create(customer(uniqueReference()).put("first_name", "John"));
        JsonNode before = company1.get(CUSTOMERS + "/" + id).body();

        ApiClient.Response response = company1.send("PUT", CUSTOMERS + "/" + id, "{\"first_name\": \"Jane\"}",
                Map.of("Content-Type", "text/plain"));

        assertThat(response.status()).as(response.toString()).isEqualTo(415);
        assertErrorShape(response, CUSTOMERS + "/" + id);
        assertThat(company1.get(CUSTOMERS + "/" + id).body()).isEqualTo(before);
    }

    @Test
    void patchIsNotAllowedAndAnswers405InTheErrorShape() {
        String id = company1.create(customer(uniqueReference()));
        JsonNode before = company1.get(CUSTOMERS + "/" + id).body();

        ApiClient.Response response = company1.send("PATCH", CUSTOMERS + "/" + id, Map.of("first_name", "Patched"), Map.of());

        assertThat(response.status()).as(response.toString()).isEqualTo(405);
        assertErrorShape(response, CUSTOMERS + "/" + id);
        assertThat(company1.get(CUSTOMERS + "/" + id).body()).as("still there, unchanged").isEqualTo(before);
    }

    @Test
    void deleteOnTheCollectionAnswers405InTheErrorShape() {
        ApiClient.Response response = company1.send("DELETE", CUSTOMERS, null, Map.of());

        assertThat(response.status()).as(response.toString()).isEqualTo(405);
        assertErrorShape(response, CUSTOMERS);
    }

    @ParameterizedTest(name = "GET {0}")
    @ValueSource(strings = {"/v1/no-such-thing", "/v2/customers", "/v1/customers/" + "6f1d2a3b-0000-4000-8000-000000000000/nothing"})
    void unknownPathAnswers404InTheErrorShape(String path) {
        ApiClient.Response response = company1.get(path);

        assertThat(response.status()).as(response.toString()).isEqualTo(404);
        assertErrorShape(response, path);
        assertThat(response.body().get("error_type").asText()).isEqualTo("not_found");
    }

    // ---------------------------------------------------------------- list query parameters

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("badListParameters")
    void rejectsBadListQueryParameterNamingIt(String parameter, String value) {
        ApiClient.Response response = company1.get(CUSTOMERS + "?" + parameter + "=" + value);

        assertValidationError(response, CUSTOMERS, parameter);
    }

    static Stream<Arguments> badListParameters() {
        return Stream.of(
                arguments("limit", "0"),
                arguments("limit", "101"),
                arguments("limit", "-1"),
                arguments("limit", "abc"),
                arguments("limit", "2.5"),
                arguments("limit", "99999999999999999999"),
                arguments("offset", "-1"),
                arguments("offset", "abc"),
                arguments("offset", "1e3"),
                arguments("filter", "unknown"),
                arguments("filter", "customer_id%2Cunknown"),
                arguments("filter", "billing.address.county"),
                arguments("filter", "billing.email.x"));
    }

    @Test
    void reportsEveryBadListQueryParameterAtOnce() {
        ApiClient.Response response = company1.get(CUSTOMERS + "?limit=0&offset=-1&filter=nope");

        assertValidationError(response, CUSTOMERS, "limit", "offset", "filter");
    }

    @ParameterizedTest(name = "limit={0}")
    @ValueSource(strings = {"1", "100"})
    void acceptsLimitsAtTheBounds(String limit) {
        ApiClient.Response response = company1.get(CUSTOMERS + "?limit=" + limit + "&offset=0");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().at("/meta/limit").asInt()).isEqualTo(Integer.parseInt(limit));
    }

    @Test
    void rejectsUnknownFilterFieldOnRetrieve() {
        String id = company1.create(customer(uniqueReference()));

        ApiClient.Response response = company1.get(CUSTOMERS + "/" + id + "?filter=first_name,favourite_colour");

        assertValidationError(response, CUSTOMERS + "/" + id, "filter");
    }

    // ---------------------------------------------------------------- updates

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("rejectedUpdates")
    void rejectedUpdateChangesNothing(String path, String json) {
        String id = company1.create(seedCustomer());
        JsonNode before = company1.get(CUSTOMERS + "/" + id).body();

        ApiClient.Response response = company1.put(CUSTOMERS + "/" + id,
                set(JSON.createObjectNode().put("first_name", "Changed"), path, ApiClient.json(json)));

        assertValidationError(response, CUSTOMERS + "/" + id, path);
        assertThat(company1.get(CUSTOMERS + "/" + id).body()).as("unchanged, first_name included").isEqualTo(before);
    }

    static Stream<Arguments> rejectedUpdates() {
        return Stream.of(
                arguments("reference", "\"has space\""),
                arguments("last_name", "\"Sm1th\""),
                arguments("dob", "\"2023-02-29\""),
                arguments("ip", "\"1.2.3\""),
                arguments("custom_data", "\"%\""),
                arguments("email", "\"nope\""),
                arguments("billing.address.country_code", "\"GBR\""),
                arguments("billing.address.city", "\"" + "c".repeat(41) + "\""),
                arguments("billing.phone.number", "\"1234567890123456\""),
                arguments("shipping.address_match", "\"false\""),
                arguments("shipping.address.state", "\"ABCD\""),
                arguments("billing", "\"x\""),
                arguments("billing.address", "[]"),
                arguments("customer_id", "\"6f1d2a3b-0000-4000-8000-000000000000\""),
                arguments("company_id", "\"" + ApiClient.COMPANY_2 + "\""),
                arguments("created", "\"2020-01-01T00:00:00.000Z\""),
                arguments("last_updated", "null"));
    }

    @Test
    void updateReportsEveryProblemAtOnceAndChangesNothing() {
        String id = company1.create(seedCustomer());
        JsonNode before = company1.get(CUSTOMERS + "/" + id).body();

        ApiClient.Response response = company1.put(CUSTOMERS + "/" + id, """
                {"first_name": "Jane", "last_name": 7, "dob": "2999-01-01", "customer_id": "x",
                 "billing": {"address": {"country_code": "XX", "line_1": "%s"}, "email": "bad"},
                 "shipping": {"address_match": "no"}}""".formatted("l".repeat(51)));

        assertValidationError(response, CUSTOMERS + "/" + id, "last_name", "dob", "customer_id",
                "billing.address.country_code", "billing.address.line_1", "billing.email", "shipping.address_match");
        assertThat(company1.get(CUSTOMERS + "/" + id).body()).isEqualTo(before);
    }

    @ParameterizedTest(name = "body {0}")
    @ValueSource(strings = {"[]", "[1]", "\"x\"", "{\"first_name\": ", "{\"first_name\": \"Jane\"} trailing"})
    void updateWithABodyThatIsNotAJsonObjectChangesNothing(String body) {
        String id = company1.create(seedCustomer());
        JsonNode before = company1.get(CUSTOMERS + "/" + id).body();

        ApiClient.Response response = company1.put(CUSTOMERS + "/" + id, body);

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertErrorShape(response, CUSTOMERS + "/" + id);
        assertThat(response.body().get("error_type").asText()).isIn("bad_request", "validation");
        assertThat(company1.get(CUSTOMERS + "/" + id).body()).isEqualTo(before);
    }

    @Test
    void updateAcceptsValidValuesUnderTheSameRules() {
        String id = company1.create(seedCustomer());

        ApiClient.Response response = company1.put(CUSTOMERS + "/" + id, """
                {"first_name": "Łukasz", "dob": "2024-02-29", "ip": "::1",
                 "billing": {"address": {"country_code": "de", "state": "by"}},
                 "shipping": {"address_match": false, "address": {"country_code": "us", "state": "ny", "city": "New York"}}}""");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode customer = company1.get(CUSTOMERS + "/" + id).body();
        assertThat(customer.get("first_name").asText()).isEqualTo("Łukasz");
        assertThat(customer.get("dob").asText()).isEqualTo("2024-02-29");
        assertThat(customer.get("ip").asText()).isEqualTo("::1");
        assertThat(customer.at("/billing/address/country_code").asText()).isEqualTo("DE");
        assertThat(customer.at("/billing/address/state").asText()).isEqualTo("BY");
        assertThat(customer.at("/shipping/address_match").booleanValue()).isFalse();
        assertThat(customer.at("/shipping/address/country_code").asText()).isEqualTo("US");
        assertThat(customer.at("/shipping/address/state").asText()).isEqualTo("NY");
    }

    // ---------------------------------------------------------------- helpers

    private ObjectNode seedCustomer() {
        return (ObjectNode) ApiClient.json("""
                {"reference": "%s", "first_name": "John", "last_name": "Smith", "dob": "1990-01-01", "ip": "127.0.0.1",
                 "custom_data": "eyJtZW1iZXJzaGlwIjoiZ29sZCJ9", "email": "john@example.com",
                 "billing": {"address": {"line_1": "152 Aldgate Drive", "city": "London", "postcode": "E1 7RT", "country_code": "GB"},
                             "email": "john@example.com", "phone": {"country_code": "44", "number": "2039826580"}},
                 "shipping": {"address_match": true}}""".formatted(uniqueReference()));
    }

    /** Letters, digits and {@code _}: valid, and unique so a lookup by it finds only this test's customer. */
    private static String uniqueReference() {
        return "val_" + UUID.randomUUID().toString().replace("-", "");
    }

    private static ObjectNode customer(String reference) {
        return JSON.createObjectNode().put("reference", reference);
    }

    /** Sets {@code value} at a dotted path, creating the objects on the way. */
    private static ObjectNode set(ObjectNode root, String path, Object value) {
        String[] names = path.split("\\.");
        ObjectNode object = root;
        for (int i = 0; i < names.length - 1; i++) {
            JsonNode child = object.get(names[i]);
            object = child instanceof ObjectNode nested ? nested : object.putObject(names[i]);
        }
        JsonNode node = value == null ? NullNode.getInstance() : value instanceof JsonNode json ? json : JSON.valueToTree(value);
        object.set(names[names.length - 1], node);
        return root;
    }

    private static String pointer(String path) {
        return "/" + path.replace('.', '/');
    }

    /** {@code local@domain} of exactly {@code length} chars, each part within the RFC's limits (64 / 63 per label). */
    private static String emailOfLength(int length) {
        String local = "a".repeat(64);
        String domain = "b".repeat(63) + "." + "c".repeat(63) + ".";
        String tld = ".com";
        int middle = length - local.length() - 1 - domain.length() - tld.length();
        return local + "@" + domain + "d".repeat(middle) + tld;
    }

    private void assertNoCustomerWithReference(String reference) {
        ApiClient.Response found = company1.get(CUSTOMERS + "?reference=" + URLEncoder.encode(reference, StandardCharsets.UTF_8));
        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        assertThat(found.body().at("/meta/total").asLong()).as("customers with reference %s", reference).isZero();
    }

    private long totalCustomers() {
        return company1.get(CUSTOMERS + "?limit=1").body().at("/meta/total").asLong();
    }

    /** A 400 {@code validation} error naming exactly {@code parameters} (in any order), each with a reason. */
    private static void assertValidationError(ApiClient.Response response, String instance, String... parameters) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertErrorShape(response, instance);
        JsonNode body = response.body();
        assertThat(body.get("error_type").asText()).isEqualTo("validation");
        assertThat(body.get("title").asText()).isEqualTo(VALIDATION_TITLE);
        List<String> named = new ArrayList<>();
        body.get("invalid_parameters").forEach(parameter -> named.add(parameter.get("parameter").asText()));
        assertThat(named.stream().distinct().toList()).as(body.toString()).containsExactlyInAnyOrder(parameters);
    }

    /** The contract's one error body: nothing else, and each invalid parameter a dotted path with a reason. */
    private static void assertErrorShape(ApiClient.Response response, String instance) {
        JsonNode body = response.body();
        assertThat(body.isObject()).as("error body of %s", response).isTrue();
        List<String> keys = new ArrayList<>();
        body.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).as(body.toString()).containsAll(List.of("status", "error_type", "title", "instance"));
        assertThat(keys).as(body.toString()).isSubsetOf("status", "error_type", "title", "instance", "invalid_parameters");
        assertThat(body.get("status").asText()).isEqualTo("error");
        assertThat(body.get("error_type").asText()).isIn(ERROR_TYPES);
        assertThat(body.get("title").isTextual() && !body.get("title").asText().isBlank()).as(body.toString()).isTrue();
        assertThat(body.get("instance").asText()).isEqualTo(instance);
        if (body.has("invalid_parameters")) {
            assertThat(body.get("invalid_parameters").isArray()).isTrue();
            body.get("invalid_parameters").forEach(parameter -> {
                List<String> fields = new ArrayList<>();
                parameter.fieldNames().forEachRemaining(fields::add);
                assertThat(fields).as(parameter.toString()).containsExactlyInAnyOrder("parameter", "reason");
                assertThat(parameter.get("parameter").asText()).isNotBlank();
                assertThat(parameter.get("reason").isTextual() && !parameter.get("reason").asText().isBlank())
                        .as(parameter.toString()).isTrue();
            });
        }
        assertThat(response.header("Content-Type")).as("content type of %s", response).startsWith("application/json");
    }

    /** A request exactly as given: {@link ApiClient} always adds a JSON content type to a body. */
    private ApiClient.Response raw(String method, String path, String body, String contentType) {
        String token = ApiClient.anonymous(port).post("/v1/login",
                Map.of("app_id", "company1", "app_key", "key-of-company-one-0000000000000")).body().get("access_token").asText();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isEmpty() ? NullNode.getInstance() : JSON.readTree(response.body());
            return new ApiClient.Response(response.statusCode(), response.headers(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
