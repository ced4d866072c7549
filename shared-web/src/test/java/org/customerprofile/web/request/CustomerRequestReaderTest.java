package org.customerprofile.web.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.customerprofile.web.error.ApiError;
import org.customerprofile.web.error.ApiException;
import org.customerprofile.web.error.ErrorType;
import org.customerprofile.web.error.InvalidParameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;

/**
 * How a create or update body becomes field values, without Spring. Results are compared by dotted path,
 * the names a client writes.
 */
class CustomerRequestReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> BILLING_LEAVES = List.of(
            "billing.address.line_1", "billing.address.line_2", "billing.address.city", "billing.address.postcode",
            "billing.address.state", "billing.address.country_code", "billing.email",
            "billing.phone.country_code", "billing.phone.number");

    private static final CustomerRequestReader strict = new CustomerRequestReader(new ApiProperties(ApiProperties.UnknownFields.REJECT));
    private static final CustomerRequestReader lenient = new CustomerRequestReader(new ApiProperties(ApiProperties.UnknownFields.IGNORE));

    // ---------------------------------------------------------------- unknown fields

    @Test
    void rejectModeNamesEveryUnknownFieldByDottedPath() {
        ApiException rejected = rejectionOf(creating(strict), """
                {"first_name": "John", "favourite_colour": "green",
                 "billing": {"address": {"city": "Canterbury", "county": "Kent"}, "fax": "0"},
                 "shipping": {"phone": {"extension": "12"}}}""");

        assertThat(rejected.status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(parametersOf(rejected))
                .containsExactlyInAnyOrder("favourite_colour", "billing.address.county", "billing.fax", "shipping.phone.extension");
    }

    @Test
    void rejectModeAlsoRejectsUnknownFieldsOnUpdate() {
        ApiException rejected = rejectionOf(updating(strict), "{\"billing\": {\"address\": {\"county\": null}}}");

        assertThat(parametersOf(rejected)).containsExactly("billing.address.county");
    }

    @Test
    void rejectModeNamesAnUnknownObjectOnceNotWhatIsInsideIt() {
        ApiException rejected = rejectionOf(creating(strict), "{\"loyalty\": {\"tier\": \"gold\", \"points\": 3}}");

        assertThat(parametersOf(rejected)).containsExactly("loyalty");
    }

    @Test
    void ignoreModeDropsUnknownFieldsAndKeepsTheRest() {
        Map<String, Object> values = creating(lenient).apply(json("""
                {"first_name": "John", "favourite_colour": "green",
                 "billing": {"address": {"city": "Canterbury", "county": "Kent"}}, "loyalty": {"tier": "gold"}}"""));

        assertThat(values).containsExactlyInAnyOrderEntriesOf(Map.of("first_name", "John", "billing.address.city", "Canterbury"));
    }

    @Test
    void ignoreModeDropsUnknownFieldsOnUpdateToo() {
        Map<String, Object> patch = updating(lenient).apply(json("{\"last_name\": \"Smyth\", \"billing\": {\"address\": {\"county\": null}}}"));

        assertThat(patch).containsExactly(Map.entry("last_name", "Smyth"));
    }

    @Test
    void readOnlyFieldsAreRejectedInEitherMode() {
        String body = """
                {"customer_id": "6f1d2a3b-0000-4000-8000-000000000000", "company_id": null,
                 "created": "2024-01-01T00:00:00Z", "last_updated": "2024-01-01T00:00:00Z", "first_name": "John"}""";

        for (CustomerRequestReader reader : List.of(strict, lenient)) {
            assertThat(parametersOf(rejectionOf(creating(reader), body)))
                    .containsExactlyInAnyOrder("customer_id", "company_id", "created", "last_updated");
            assertThat(parametersOf(rejectionOf(updating(reader), body)))
                    .containsExactlyInAnyOrder("customer_id", "company_id", "created", "last_updated");
        }
    }

    // ---------------------------------------------------------------- null and empty

    @Test
    void nullOnUpdateClearsTheField() {
        Map<String, Object> patch = updating(strict).apply(json("{\"dob\": null, \"billing\": {\"address\": {\"postcode\": null}}}"));

        assertThat(patch).hasSize(2).containsEntry("dob", null).containsEntry("billing.address.postcode", null);
    }

    @Test
    void nullOnCreateIsDropped() {
        Map<String, Object> values = creating(strict).apply(json("""
                {"dob": null, "first_name": "John", "billing": {"email": null, "phone": null}, "shipping": null}"""));

        assertThat(values).containsExactly(Map.entry("first_name", "John"));
    }

    @Test
    void nullForAnObjectClearsEveryLeafUnderIt() {
        Map<String, Object> patch = updating(strict).apply(json("{\"billing\": null}"));

        assertThat(patch.keySet()).containsExactlyInAnyOrderElementsOf(BILLING_LEAVES);
        assertThat(patch.values()).containsOnlyNulls();
    }

    @Test
    void nullForANestedObjectClearsOnlyItsOwnLeaves() {
        Map<String, Object> patch = updating(strict).apply(json("{\"billing\": {\"phone\": null, \"email\": \"john@example.com\"}}"));

        Map<String, Object> expected = new HashMap<>();
        expected.put("billing.phone.country_code", null);
        expected.put("billing.phone.number", null);
        expected.put("billing.email", "john@example.com");
        assertThat(patch).containsExactlyInAnyOrderEntriesOf(expected);
    }

    @Test
    void nullForShippingClearsAddressMatchToo() {
        Map<String, Object> patch = updating(strict).apply(json("{\"shipping\": null}"));

        assertThat(patch).containsKey("shipping.address_match").containsKey("shipping.address.country_code")
                .containsKey("shipping.phone.number");
        assertThat(patch.keySet()).allMatch(path -> path.startsWith("shipping."));
        assertThat(patch.values()).containsOnlyNulls();
    }

    @Test
    void emptyStringIsAbsentOnCreate() {
        Map<String, Object> values = creating(strict).apply(json("""
                {"reference": "", "first_name": "John",
                 "billing": {"address": {"line_2": "", "postcode": "", "city": "", "country_code": ""}}}"""));

        assertThat(values).containsExactly(Map.entry("first_name", "John"));
    }

    @Test
    void emptyStringIsAbsentOnUpdateSoItNeitherSetsNorClears() {
        Map<String, Object> patch = updating(strict).apply(json("{\"billing\": {\"address\": {\"line_2\": \"\", \"city\": \"Leeds\"}}}"));

        assertThat(patch).containsExactly(Map.entry("billing.address.city", "Leeds"));
    }

    // ---------------------------------------------------------------- normalisation

    @Test
    void referenceIsTrimmed() {
        assertThat(creating(strict).apply(json("{\"reference\": \"  ref_1 \"}"))).containsEntry("reference", "ref_1");
        assertThat(updating(strict).apply(json("{\"reference\": \"\\tref_2\\n\"}"))).containsEntry("reference", "ref_2");
    }

    /** Trimmed it is {@code ""}, which counts as not given; rejecting it (spaces are not allowed) would do too. */
    @Test
    void referenceOfOnlySpacesIsNeverKeptAsAnEmptyReference() {
        for (Function<JsonNode, Map<String, Object>> read : List.<Function<JsonNode, Map<String, Object>>>of(
                creating(strict), updating(strict))) {
            try {
                assertThat(read.apply(json("{\"reference\": \"   \"}"))).doesNotContainKey("reference");
            } catch (ApiException rejected) {
                assertThat(parametersOf(rejected)).containsExactly("reference");
            }
        }
    }

    @Test
    void countryAndStateCodesAreUpperCased() {
        Map<String, Object> values = creating(strict).apply(json("""
                {"billing": {"address": {"country_code": "gb"}},
                 "shipping": {"address": {"country_code": "us", "state": "tx"}}}"""));

        assertThat(values).containsEntry("billing.address.country_code", "GB")
                .containsEntry("shipping.address.country_code", "US")
                .containsEntry("shipping.address.state", "TX");
    }

    @Test
    void phoneDigitsStayStringsAndAddressMatchStaysABoolean() {
        Map<String, Object> values = creating(strict).apply(json("""
                {"billing": {"phone": {"country_code": "044", "number": "0203"}}, "shipping": {"address_match": false}}"""));

        assertThat(values).containsEntry("billing.phone.country_code", "044")
                .containsEntry("billing.phone.number", "0203")
                .containsEntry("shipping.address_match", false);
        assertThat(values.get("shipping.address_match")).isInstanceOf(Boolean.class);
    }

    // ---------------------------------------------------------------- types and rules, all at once

    @Test
    void reportsUnknownFieldsTypeErrorsAndRuleErrorsTogether() {
        ApiException rejected = rejectionOf(creating(strict), """
                {"first_name": 42, "dob": "2023-02-29", "unknown": 1,
                 "billing": {"address": "x", "email": "nope"},
                 "shipping": {"address_match": "yes", "address": {"country_code": "XX"}}}""");

        ApiError error = rejected.toError("/v1/customers");
        assertThat(error.errorType()).isEqualTo(ErrorType.VALIDATION);
        assertThat(error.instance()).isEqualTo("/v1/customers");
        assertThat(parametersOf(rejected)).containsExactlyInAnyOrder(
                "first_name", "dob", "unknown", "billing.address", "billing.email", "shipping.address_match",
                "shipping.address.country_code");
        assertThat(error.invalidParameters()).allSatisfy(parameter -> assertThat(parameter.reason()).isNotBlank());
        assertThat(error.invalidParameters()).contains(new InvalidParameter("billing.email", "must be an email address"));
    }

    @Test
    void reportsReadOnlyUnknownTypeAndRuleProblemsInOneAnswerSortedByPath() {
        ApiException rejected = rejectionOf(creating(strict), """
                {"shipping": {"phone": {"number": "12a"}}, "created": "2024-01-01T00:00:00Z", "zodiac": "leo",
                 "billing": {"address": {"city": 7}}, "dob": "2999-01-01", "custom_data": "not base64!"}""");

        assertThat(rejected.toError("/v1/customers").invalidParameters()).containsExactly(
                new InvalidParameter("billing.address.city", "must be a string"),
                new InvalidParameter("created", "is read-only"),
                new InvalidParameter("custom_data", "must be base64 encoded"),
                new InvalidParameter("dob", "must be a real date in the form YYYY-MM-DD, not in the future"),
                new InvalidParameter("shipping.phone.number", "must be at most 15 digits"),
                new InvalidParameter("zodiac", "is not a field of a customer"));
    }

    @Test
    void reportsEveryRuleAFieldBreaks() {
        ApiException rejected = rejectionOf(creating(strict), "{\"reference\": \"" + "!".repeat(51) + "\"}");

        assertThat(rejected.toError("/v1/customers").invalidParameters()).containsExactly(
                new InvalidParameter("reference", "size must be between 0 and 50"),
                new InvalidParameter("reference", "may contain only letters, digits and _ - . ,"));
    }

    @Test
    void aDottedMemberNameIsNoFieldFieldsNestAsObjects() {
        String body = "{\"billing.address.city\": \"London\", \"first_name\": \"John\"}";

        assertThat(parametersOf(rejectionOf(creating(strict), body))).containsExactly("billing.address.city");
        assertThat(creating(lenient).apply(json(body))).containsExactly(Map.entry("first_name", "John"));
    }

    @Test
    void trimmedReferenceIsWhatGetsValidated() {
        ApiException rejected = rejectionOf(creating(strict), "{\"reference\": \" " + "r".repeat(51) + " \"}");

        assertThat(parametersOf(rejected)).containsExactly("reference");
        assertThat(creating(strict).apply(json("{\"reference\": \" " + "r".repeat(50) + " \"}"))).containsEntry("reference", "r".repeat(50));
    }

    @Test
    void lowerCaseCountryCodeIsValidatedAfterUpperCasing() {
        assertThat(creating(strict).apply(json("{\"billing\": {\"address\": {\"country_code\": \"de\"}}}")))
                .containsEntry("billing.address.country_code", "DE");
        assertThat(parametersOf(rejectionOf(creating(strict), "{\"billing\": {\"address\": {\"country_code\": \"xx\"}}}")))
                .containsExactly("billing.address.country_code");
    }

    @Test
    void aClearedValueIsNotValidatedAgainstMinimumLengths() {
        Map<String, Object> patch = updating(strict).apply(json("{\"billing\": {\"address\": {\"city\": null}}}"));

        assertThat(patch).hasSize(1).containsEntry("billing.address.city", null);
    }

    @ParameterizedTest(name = "body {0}")
    @ValueSource(strings = {"[]", "[1]", "\"x\"", "42", "true", "null"})
    void aBodyThatIsNotAnObjectIsABadRequest(String body) {
        for (Function<JsonNode, Map<String, Object>> read : List.<Function<JsonNode, Map<String, Object>>>of(
                creating(strict), updating(strict), creating(lenient))) {
            ApiException rejected = catchThrowableOfType(ApiException.class, () -> read.apply(json(body)));

            assertThat(rejected).isNotNull();
            assertThat(rejected.status()).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(rejected.toError("/v1/customers").errorType()).isEqualTo(ErrorType.BAD_REQUEST);
        }
    }

    @Test
    void aMissingBodyIsABadRequest() {
        ApiException rejected = catchThrowableOfType(ApiException.class, () -> creating(strict).apply(null));

        assertThat(rejected).isNotNull();
        assertThat(rejected.status()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    // ---------------------------------------------------------------- helpers

    /** What a create body reads as, by path. */
    private static Function<JsonNode, Map<String, Object>> creating(CustomerRequestReader reader) {
        return body -> reader.readCreate(body).byPath();
    }

    /** What an update body reads as, by path; a cleared field maps to {@code null}. */
    private static Function<JsonNode, Map<String, Object>> updating(CustomerRequestReader reader) {
        return body -> {
            Map<String, Object> byPath = new LinkedHashMap<>();
            reader.readUpdate(body).forEach((field, value) -> byPath.put(field.path(), value));
            return byPath;
        };
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ApiException rejectionOf(Function<JsonNode, Map<String, Object>> read, String body) {
        ApiException rejected = catchThrowableOfType(ApiException.class, () -> read.apply(json(body)));
        assertThat(rejected).as("rejection of %s", body).isNotNull();
        return rejected;
    }

    private static List<String> parametersOf(ApiException rejected) {
        return rejected.toError("/v1/customers").invalidParameters().stream().map(InvalidParameter::parameter).toList();
    }
}
