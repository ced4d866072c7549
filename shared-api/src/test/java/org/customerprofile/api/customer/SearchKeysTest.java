package org.customerprofile.api.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a customer's values and a client's search terms are folded for comparison. */
class SearchKeysTest {

    @Test
    void foldingIgnoresCaseAndAccents() {
        assertThat(SearchKeys.folded("Zoë")).isEqualTo("zoe");
        assertThat(SearchKeys.folded("ZOË")).isEqualTo(SearchKeys.folded("zoe"));
        assertThat(SearchKeys.folded("Ångström Çelik")).isEqualTo("angstrom celik");
        assertThat(SearchKeys.folded("İstanbul")).isEqualTo("istanbul");
        assertThat(SearchKeys.folded("Straße")).isEqualTo(SearchKeys.folded("STRASSE"));
        assertThat(SearchKeys.folded("ﬁne Ｚｏｅ")).as("compatibility forms").isEqualTo("fine zoe");
        assertThat(SearchKeys.folded("Ὀδυσσεύς")).isEqualTo(SearchKeys.folded("ΟΔΥΣΣΕΥΣ"));
    }

    @Test
    void namesCompareWholeWithWhiteSpaceCollapsed() {
        assertThat(SearchKeys.name("  Mary   Jane ")).isEqualTo("mary jane");
        assertThat(SearchKeys.name("José")).isEqualTo(SearchKeys.name("jose"));
    }

    @Test
    void postcodesIgnoreCaseAndSpaces() {
        assertThat(SearchKeys.postcode("E1 7RT")).isEqualTo("e17rt").isEqualTo(SearchKeys.postcode("e17rt"));
        assertThat(SearchKeys.postcode(" sw1a\t1aa ")).isEqualTo("sw1a1aa");
    }

    @Test
    void phonesKeepOnlyDigits() {
        assertThat(SearchKeys.digits("+44 (0)20-7946 0958")).isEqualTo("4402079460958");
        assertThat(SearchKeys.digits("abc")).isEmpty();
    }

    @Test
    void emailsAreLowerCasedAndTrimmed() {
        assertThat(SearchKeys.email(" Ada@Example.COM ")).isEqualTo("ada@example.com");
    }

    @Test
    void wordsAreRunsOfLettersAndDigitsAndChunksJoined() {
        assertThat(SearchKeys.wordsOf("O'Neil-Smith")).containsExactly("o", "neil", "smith", "oneilsmith");
        assertThat(SearchKeys.wordsOf("ada.lovelace@example.com"))
                .containsExactly("ada", "lovelace", "example", "com", "adalovelaceexamplecom");
        assertThat(SearchKeys.wordsOf("Saint  Étienne")).containsExactly("saint", "etienne");
        assertThat(SearchKeys.wordsOf("  ")).isEmpty();
    }

    @Test
    void aTermAsksForEachOfItsRunsToBeginAWord() {
        assertThat(SearchKeys.prefixesOf("O'Ne")).containsExactly("o", "ne");
        assertThat(SearchKeys.prefixesOf("Zoë")).containsExactly("zoe");
        assertThat(SearchKeys.prefixesOf("--")).isEmpty();
    }

    @Test
    void aCustomersKeysComeFromTheSearchableFields() {
        Map<CustomerField, Object> values = new EnumMap<>(CustomerField.class);
        values.put(CustomerField.REFERENCE, "Order_42");
        values.put(CustomerField.FIRST_NAME, "Zoë");
        values.put(CustomerField.LAST_NAME, "Brontë");
        values.put(CustomerField.EMAIL, "Zoe@Example.com");
        values.put(CustomerField.BILLING_EMAIL, "billing@example.com");
        values.put(CustomerField.SHIPPING_EMAIL, "zoe@example.com");
        values.put(CustomerField.BILLING_PHONE_COUNTRY_CODE, "44");
        values.put(CustomerField.BILLING_PHONE_NUMBER, "7911123456");
        values.put(CustomerField.SHIPPING_PHONE_NUMBER, "2079460958");
        values.put(CustomerField.BILLING_ADDRESS_POSTCODE, "E1 7RT");
        values.put(CustomerField.BILLING_ADDRESS_CITY, "London");
        values.put(CustomerField.BILLING_ADDRESS_LINE_1, "1 Secret Street");
        values.put(CustomerField.DOB, "1990-01-02");

        SearchKeys keys = SearchKeys.of(new Profile(values));

        assertThat(keys.emails()).containsExactly("billing@example.com", "zoe@example.com");
        assertThat(keys.phones()).containsExactly("2079460958", "447911123456", "7911123456");
        assertThat(keys.postcodes()).containsExactly("e17rt");
        assertThat(keys.name(CustomerField.FIRST_NAME)).isEqualTo("zoe");
        assertThat(keys.name(CustomerField.LAST_NAME)).isEqualTo("bronte");
        assertThat(keys.words()).contains("order", "42", "order42", "zoe", "bronte", "example", "billing", "e1", "7rt", "london")
                .doesNotContain("secret", "street", "1990");
    }

    @Test
    void aCustomerWithoutSearchableValuesHasNoKeys() {
        SearchKeys keys = SearchKeys.of(new Profile(Map.of(CustomerField.IP, "10.0.0.1")));

        assertThat(keys.emails()).isEmpty();
        assertThat(keys.phones()).isEmpty();
        assertThat(keys.names()).isEmpty();
        assertThat(keys.words()).isEmpty();
    }
}
