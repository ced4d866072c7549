package org.customerprofile.query.customer;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.customerprofile.api.customer.CustomerField;
import org.customerprofile.api.customer.SearchKeys;

/**
 * How alike a customer is to a would-be customer: which {@link DuplicateReason}s hold between their search keys,
 * and a score from 0 to 1 combining them as independent evidence ({@code 1 - Π(1 - weight)}), so every further
 * reason raises the score and none alone reaches 1: an email alone scores 0.9, an email and a phone 0.96.
 *
 * @param dob the date of birth, or {@code null}
 */
record Likeness(SearchKeys keys, String dob) {

    /** The reasons that hold between this would-be customer and {@code other}, in the reasons' order. */
    Set<DuplicateReason> reasons(Likeness other) {
        Set<DuplicateReason> reasons = EnumSet.noneOf(DuplicateReason.class);
        if (!Collections.disjoint(keys.emails(), other.keys.emails())) {
            reasons.add(DuplicateReason.EMAIL);
        }
        if (!Collections.disjoint(keys.phones(), other.keys.phones())) {
            reasons.add(DuplicateReason.PHONE);
        }
        if (sameName(other)) {
            if (dob != null && dob.equals(other.dob)) {
                reasons.add(DuplicateReason.NAME_DOB);
            }
            if (!Collections.disjoint(keys.postcodes(), other.keys.postcodes())) {
                reasons.add(DuplicateReason.NAME_POSTCODE);
            }
        }
        return reasons;
    }

    /** Whether both have a first and a last name and they are the same, folded. */
    boolean sameName(Likeness other) {
        return hasName() && Objects.equals(keys.name(CustomerField.FIRST_NAME), other.keys.name(CustomerField.FIRST_NAME))
                && Objects.equals(keys.name(CustomerField.LAST_NAME), other.keys.name(CustomerField.LAST_NAME));
    }

    boolean hasName() {
        return keys.name(CustomerField.FIRST_NAME) != null && keys.name(CustomerField.LAST_NAME) != null;
    }

    /** The score of {@code reasons}: 0 for none, rounded to thousandths. */
    static double score(Set<DuplicateReason> reasons) {
        double unlikely = 1;
        for (DuplicateReason reason : reasons) {
            unlikely *= 1 - reason.weight();
        }
        return Math.round((1 - unlikely) * 1000) / 1000.0;
    }
}
