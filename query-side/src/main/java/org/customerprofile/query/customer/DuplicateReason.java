package org.customerprofile.query.customer;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Why two customers are probably one person, each with how much it alone says so (the chance that it is no
 * coincidence, as we judge it): an email is personal; a name with a date of birth rarely repeats; a name at a
 * postcode could be a namesake neighbour; a phone may be a household's or an office's.
 */
enum DuplicateReason {
    EMAIL("email", 0.9),
    PHONE("phone", 0.6),
    NAME_DOB("name_dob", 0.8),
    NAME_POSTCODE("name_postcode", 0.7);

    private final String name;
    private final double weight;

    DuplicateReason(String name, double weight) {
        this.name = name;
        this.weight = weight;
    }

    @JsonValue
    String reasonName() {
        return name;
    }

    double weight() {
        return weight;
    }
}
