package org.customerprofile.query.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.customerprofile.api.customer.CustomerField;
import org.customerprofile.api.customer.Profile;
import org.customerprofile.api.customer.SearchKeys;
import org.junit.jupiter.api.Test;

/** Which reasons make two customers probably one person, and how they score. */
class LikenessTest {

    private static final Likeness ZOE = likeness(Map.of(CustomerField.FIRST_NAME, "Zoë", CustomerField.LAST_NAME, "Brontë",
            CustomerField.DOB, "1990-01-02", CustomerField.EMAIL, "zoe@example.com",
            CustomerField.BILLING_PHONE_COUNTRY_CODE, "44", CustomerField.BILLING_PHONE_NUMBER, "7911123456",
            CustomerField.BILLING_ADDRESS_POSTCODE, "E1 7RT"));

    @Test
    void anyEmailAgainstAnyEmailIgnoringCase() {
        assertThat(ZOE.reasons(likeness(Map.of(CustomerField.SHIPPING_EMAIL, "ZOE@example.COM")))).containsExactly(DuplicateReason.EMAIL);
        assertThat(ZOE.reasons(likeness(Map.of(CustomerField.EMAIL, "zoe@example.org")))).isEmpty();
    }

    @Test
    void aPhoneByItsDigitsWithOrWithoutCountryCode() {
        assertThat(ZOE.reasons(likeness(Map.of(CustomerField.SHIPPING_PHONE_NUMBER, "7911123456")))).containsExactly(DuplicateReason.PHONE);
        assertThat(ZOE.reasons(likeness(Map.of(CustomerField.BILLING_PHONE_NUMBER, "447911123456")))).containsExactly(DuplicateReason.PHONE);
        assertThat(ZOE.reasons(likeness(Map.of(CustomerField.BILLING_PHONE_COUNTRY_CODE, "44")))).isEmpty();
    }

    @Test
    void theSameFoldedNameCountsOnlyWithTheSameDobOrAPostcodeInCommon() {
        Map<CustomerField, Object> name = Map.of(CustomerField.FIRST_NAME, "ZOE", CustomerField.LAST_NAME, "bronte");

        assertThat(ZOE.reasons(likeness(name))).as("a name alone").isEmpty();
        assertThat(ZOE.reasons(likeness(with(name, CustomerField.DOB, "1990-01-02")))).containsExactly(DuplicateReason.NAME_DOB);
        assertThat(ZOE.reasons(likeness(with(name, CustomerField.DOB, "1990-01-03")))).isEmpty();
        assertThat(ZOE.reasons(likeness(with(name, CustomerField.SHIPPING_ADDRESS_POSTCODE, "e17rt"))))
                .containsExactly(DuplicateReason.NAME_POSTCODE);
        assertThat(ZOE.reasons(likeness(Map.of(CustomerField.FIRST_NAME, "Zoe", CustomerField.DOB, "1990-01-02"))))
                .as("a first name is not a name").isEmpty();
    }

    @Test
    void scoresCombineReasonsAsIndependentEvidenceBelowOne() {
        assertThat(Likeness.score(EnumSet.noneOf(DuplicateReason.class))).isZero();
        assertThat(Likeness.score(EnumSet.of(DuplicateReason.EMAIL))).isEqualTo(0.9);
        assertThat(Likeness.score(EnumSet.of(DuplicateReason.PHONE))).isEqualTo(0.6);
        assertThat(Likeness.score(EnumSet.of(DuplicateReason.EMAIL, DuplicateReason.PHONE))).isEqualTo(0.96);
        assertThat(Likeness.score(EnumSet.allOf(DuplicateReason.class))).isEqualTo(0.998).isLessThan(1);
        assertThat(ZOE.reasons(ZOE)).containsExactly(DuplicateReason.values());
    }

    @Test
    void strongestFirstThenNewestAtMostTenAndNothingThatSharesNoReason() {
        List<Document> candidates = new ArrayList<>();
        candidates.add(candidate("phone-old", 1, Map.of(CustomerField.BILLING_PHONE_NUMBER, "7911123456")));
        candidates.add(candidate("stranger", 2, Map.of(CustomerField.FIRST_NAME, "Zoë")));
        candidates.add(candidate("email-and-phone", 3, Map.of(CustomerField.EMAIL, "zoe@example.com", CustomerField.BILLING_PHONE_NUMBER,
                "7911123456")));
        candidates.add(candidate("phone-new", 4, Map.of(CustomerField.SHIPPING_PHONE_NUMBER, "7911123456")));
        for (int i = 0; i < 10; i++) {
            candidates.add(candidate("more-" + i, 0, Map.of(CustomerField.BILLING_PHONE_NUMBER, "7911123456")));
        }

        List<CustomerDuplicates.Duplicate> found = CustomerDuplicates.strongestFirst(ZOE, candidates);

        assertThat(found).hasSize(10);
        assertThat(found.get(0)).isEqualTo(new CustomerDuplicates.Duplicate("email-and-phone", 0.96,
                List.of(DuplicateReason.EMAIL, DuplicateReason.PHONE)));
        assertThat(found.subList(1, 3)).extracting(CustomerDuplicates.Duplicate::customerId).containsExactly("phone-new", "phone-old");
        assertThat(found).extracting(CustomerDuplicates.Duplicate::customerId).doesNotContain("stranger");
    }

    private static Likeness likeness(Map<CustomerField, Object> values) {
        Profile profile = new Profile(values);
        return new Likeness(SearchKeys.of(profile), (String) profile.get(CustomerField.DOB));
    }

    private static Map<CustomerField, Object> with(Map<CustomerField, Object> values, CustomerField field, Object value) {
        Map<CustomerField, Object> more = new java.util.EnumMap<>(values);
        more.put(field, value);
        return more;
    }

    private static Document candidate(String id, long createdSecond, Map<CustomerField, Object> values) {
        Document document = new Document("_id", id).append("created", new Date(createdSecond * 1000));
        document.putAll(CustomerField.nest(new Profile(values).byPath()));
        return document;
    }

}
