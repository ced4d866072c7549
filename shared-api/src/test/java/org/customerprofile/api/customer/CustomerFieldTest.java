package org.customerprofile.api.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.customerprofile.api.customer.CustomerField.BILLING_ADDRESS_CITY;
import static org.customerprofile.api.customer.CustomerField.BILLING_ADDRESS_COUNTRY_CODE;
import static org.customerprofile.api.customer.CustomerField.BILLING_ADDRESS_STATE;
import static org.customerprofile.api.customer.CustomerField.BILLING_EMAIL;
import static org.customerprofile.api.customer.CustomerField.BILLING_PHONE_COUNTRY_CODE;
import static org.customerprofile.api.customer.CustomerField.BILLING_PHONE_NUMBER;
import static org.customerprofile.api.customer.CustomerField.CUSTOM_DATA;
import static org.customerprofile.api.customer.CustomerField.DOB;
import static org.customerprofile.api.customer.CustomerField.EMAIL;
import static org.customerprofile.api.customer.CustomerField.FIRST_NAME;
import static org.customerprofile.api.customer.CustomerField.IP;
import static org.customerprofile.api.customer.CustomerField.REFERENCE;
import static org.customerprofile.api.customer.CustomerField.SHIPPING_ADDRESS_MATCH;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The catalogue: one definition per field, and each field's rules with values they accept and refuse. */
class CustomerFieldTest {

    // ---------------------------------------------------------------- the catalogue itself

    @Test
    void everyPathIsUniqueAndNoPathIsReadOnly() {
        List<String> paths = Arrays.stream(CustomerField.values()).map(CustomerField::path).toList();

        assertThat(paths).doesNotHaveDuplicates().doesNotContainAnyElementsOf(CustomerField.READ_ONLY);
    }

    @ParameterizedTest
    @EnumSource(CustomerField.class)
    void ofPathFindsEachFieldByItsPath(CustomerField field) {
        assertThat(CustomerField.ofPath(field.path())).contains(field);
    }

    @Test
    void ofPathFindsNothingForObjectsReadOnlyFieldsAndStrangers() {
        assertThat(CustomerField.ofPath("billing")).isEmpty();
        assertThat(CustomerField.ofPath("billing.address")).isEmpty();
        assertThat(CustomerField.ofPath("customer_id")).isEmpty();
        assertThat(CustomerField.ofPath("billing.address.county")).isEmpty();
        assertThat(CustomerField.ofPath("REFERENCE")).isEmpty();
    }

    @Test
    void pathsAreTheApisNamesInTheApisOrder() {
        assertThat(Arrays.stream(CustomerField.values()).map(CustomerField::path).toList()).containsExactly(
                "reference", "first_name", "last_name", "dob", "ip", "custom_data", "email",
                "billing.address.line_1", "billing.address.line_2", "billing.address.city", "billing.address.postcode",
                "billing.address.state", "billing.address.country_code", "billing.email",
                "billing.phone.country_code", "billing.phone.number",
                "shipping.address_match", "shipping.address.line_1", "shipping.address.line_2", "shipping.address.city",
                "shipping.address.postcode", "shipping.address.state", "shipping.address.country_code", "shipping.email",
                "shipping.phone.country_code", "shipping.phone.number");
    }

    @Test
    void everyFieldButAddressMatchIsPersonalData() {
        assertThat(Arrays.stream(CustomerField.values()).filter(field -> !field.personal())).containsExactly(SHIPPING_ADDRESS_MATCH);
    }

    @Test
    void addressMatchIsTheOneBooleanField() {
        assertThat(SHIPPING_ADDRESS_MATCH.type()).isEqualTo(Boolean.class);
        assertThat(Arrays.stream(CustomerField.values()).filter(field -> field != SHIPPING_ADDRESS_MATCH))
                .allMatch(field -> field.type() == String.class);
    }

    @Test
    void searchableFieldsAreThoseTheContractSearches() {
        assertThat(REFERENCE.search()).containsExactlyInAnyOrder(Search.REFERENCE, Search.TEXT);
        assertThat(FIRST_NAME.search()).containsExactlyInAnyOrder(Search.NAME, Search.TEXT);
        assertThat(BILLING_EMAIL.search()).contains(Search.EMAIL);
        assertThat(BILLING_PHONE_NUMBER.search()).containsExactly(Search.PHONE);
        assertThat(CustomerField.SHIPPING_ADDRESS_POSTCODE.search()).contains(Search.POSTCODE);
        assertThat(BILLING_ADDRESS_CITY.search()).containsExactly(Search.TEXT);
        assertThat(DOB.search()).isEmpty();
        assertThat(CUSTOM_DATA.search()).isEmpty();
    }

    @Test
    void objectsAreKnownByTheFieldsInsideThem() {
        assertThat(CustomerField.inside("billing.phone")).containsExactly(BILLING_PHONE_COUNTRY_CODE, BILLING_PHONE_NUMBER);
        assertThat(CustomerField.inside("shipping")).hasSize(10).contains(SHIPPING_ADDRESS_MATCH);
        assertThat(CustomerField.inside("bill")).isEmpty();
        assertThat(CustomerField.isKnownPath("billing.address")).isTrue();
        assertThat(CustomerField.isKnownPath("created")).isTrue();
        assertThat(CustomerField.isKnownPath("billing.fax")).isFalse();
    }

    @Test
    void nestTurnsDottedPathsIntoObjectsKeepingOrder() {
        assertThat(CustomerField.nest(new java.util.LinkedHashMap<>(java.util.Map.of("billing.address.city", "Leeds"))))
                .isEqualTo(java.util.Map.of("billing", java.util.Map.of("address", java.util.Map.of("city", "Leeds"))));
    }

    @Test
    void aValueOfAnotherTypeIsRefusedByType() {
        assertThat(SHIPPING_ADDRESS_MATCH.problem("yes")).contains("must be true or false");
        assertThat(FIRST_NAME.problem(42)).contains("must be a string");
        assertThatThrownBy(() -> SHIPPING_ADDRESS_MATCH.requireType("true")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shipping.address_match");
    }

    @Test
    void nullBreaksNoRule() {
        assertThat(Arrays.stream(CustomerField.values())).allMatch(field -> field.problem(null).isEmpty());
    }

    // ---------------------------------------------------------------- rules, good and bad values

    static Stream<Arguments> accepted() {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        return Stream.of(
                arguments(REFERENCE, "Ab_-.,9"), arguments(REFERENCE, "r".repeat(50)),
                arguments(FIRST_NAME, "José"), arguments(FIRST_NAME, "O'Brien-Smith Jr."), arguments(FIRST_NAME, "李小龍"),
                arguments(FIRST_NAME, "Jose\u0301"),
                arguments(DOB, "2000-02-29"), arguments(DOB, today),
                arguments(IP, "0.0.0.0"), arguments(IP, "255.255.255.255"), arguments(IP, "::1"),
                arguments(IP, "2001:db8::8a2e:370:7334"), arguments(IP, "::ffff:192.0.2.1"),
                arguments(CUSTOM_DATA, "YQ=="), arguments(CUSTOM_DATA, "A".repeat(2048)),
                arguments(EMAIL, "zoe@example.com"), arguments(BILLING_EMAIL, emailOfLength(254)),
                arguments(BILLING_ADDRESS_CITY, "X"), arguments(BILLING_ADDRESS_CITY, "c".repeat(40)),
                arguments(BILLING_ADDRESS_STATE, "TX"), arguments(BILLING_ADDRESS_STATE, "ENG"),
                arguments(BILLING_ADDRESS_COUNTRY_CODE, "GB"), arguments(BILLING_ADDRESS_COUNTRY_CODE, "gb"),
                arguments(BILLING_PHONE_COUNTRY_CODE, "353"), arguments(BILLING_PHONE_NUMBER, "123456789012345"),
                arguments(BILLING_PHONE_NUMBER, ""),
                arguments(SHIPPING_ADDRESS_MATCH, true));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("accepted")
    void acceptsAGoodValue(CustomerField field, Object value) {
        assertThat(field.problem(value)).isEmpty();
    }

    static Stream<Arguments> refused() {
        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
        String lengthReason = "size must be between 0 and 50";
        String dateReason = "must be a real date in the form YYYY-MM-DD, not in the future";
        String ipReason = "must be an IPv4 or IPv6 address";
        return Stream.of(
                arguments(REFERENCE, "r".repeat(51), lengthReason),
                arguments(REFERENCE, "ref 1", "may contain only letters, digits and _ - . ,"),
                arguments(FIRST_NAME, "J0hn", "may contain only letters, spaces and ' - ."),
                arguments(DOB, tomorrow, dateReason),
                arguments(DOB, "2023-02-29", dateReason),
                arguments(DOB, "1990-02-30", dateReason),
                arguments(DOB, "1990-1-1", dateReason),
                arguments(DOB, "1990-01-01T00:00:00Z", dateReason),
                arguments(IP, "256.1.1.1", ipReason),
                arguments(IP, "1.2.3", ipReason),
                arguments(IP, "example.com", ipReason),
                arguments(IP, "1::2::3", ipReason),
                arguments(IP, "12345::1", ipReason),
                arguments(CUSTOM_DATA, "not base64!", "must be base64 encoded"),
                arguments(CUSTOM_DATA, "a", "must be base64 encoded"),
                arguments(CUSTOM_DATA, "A".repeat(2052), "size must be between 0 and 2048"),
                arguments(EMAIL, "not-an-email", "must be an email address"),
                arguments(BILLING_EMAIL, "john doe@example.com", "must be an email address"),
                arguments(BILLING_EMAIL, "a".repeat(65) + "@example.com", "must be an email address"),
                arguments(BILLING_EMAIL, "john@" + "b".repeat(64) + ".com", "must be an email address"),
                arguments(BILLING_EMAIL, emailOfLength(255), "size must be between 0 and 254"),
                arguments(BILLING_ADDRESS_CITY, "c".repeat(41), "size must be between 1 and 40"),
                arguments(BILLING_ADDRESS_STATE, "ABCD", "size must be between 0 and 3"),
                arguments(BILLING_ADDRESS_STATE, "tx", "must be an ISO 3166-2 subdivision code"),
                arguments(BILLING_ADDRESS_COUNTRY_CODE, "XX", "must be an ISO 3166-1 alpha-2 country code"),
                arguments(BILLING_ADDRESS_COUNTRY_CODE, "GBR", "must be an ISO 3166-1 alpha-2 country code"),
                arguments(BILLING_PHONE_COUNTRY_CODE, "+44", "must be 1 to 3 digits"),
                arguments(BILLING_PHONE_NUMBER, "1234567890123456", "must be at most 15 digits"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("refused")
    void refusesABadValueWithTheContractsReason(CustomerField field, Object value, String reason) {
        assertThat(field.problem(value)).contains(reason);
    }

    @Test
    void namesEveryRuleAValueBreaks() {
        assertThat(REFERENCE.problems("!".repeat(51)))
                .containsExactly("size must be between 0 and 50", "may contain only letters, digits and _ - . ,");
    }

    @Test
    void rulesAreDataAsWellAsChecks() {
        assertThat(REFERENCE.rule()).isEqualTo(new FieldRule(null, 50, "[A-Za-z0-9_.,-]*", Format.TEXT,
                "may contain only letters, digits and _ - . ,"));
        assertThat(BILLING_ADDRESS_CITY.rule().minLength()).isEqualTo(1);
        assertThat(DOB.rule().format()).isEqualTo(Format.DATE);
        assertThat(DOB.rule().description()).isEqualTo(Format.DATE.reason());
        assertThat(SHIPPING_ADDRESS_MATCH.rule().format()).isEqualTo(Format.BOOLEAN);
    }

    // ---------------------------------------------------------------- normalisation

    @Test
    void codesAreUpperCasedAndTheReferenceTrimmed() {
        assertThat(BILLING_ADDRESS_COUNTRY_CODE.normalized("gb")).isEqualTo("GB");
        assertThat(BILLING_ADDRESS_STATE.normalized("tx")).isEqualTo("TX");
        assertThat(REFERENCE.normalized("\t Order-1 \n")).isEqualTo("Order-1");
        assertThat(FIRST_NAME.normalized(" zoë ")).isEqualTo(" zoë ");
    }

    /** 64-character local part, labels of at most 63: valid but for the total length. */
    private static String emailOfLength(int length) {
        String local = "a".repeat(64);
        String domain = "b".repeat(63) + "." + "c".repeat(63) + ".";
        String tld = ".com";
        return local + "@" + domain + "d".repeat(length - local.length() - 1 - domain.length() - tld.length()) + tld;
    }
}
