package org.customerprofile.api.customer;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.customerprofile.api.customer.validation.Base64Encoded;
import org.customerprofile.api.customer.validation.BirthDate;
import org.customerprofile.api.customer.validation.CountryCode;
import org.customerprofile.api.customer.validation.IpAddress;

/**
 * The writable fields of a customer, as the contract's field table defines them. Java names are the
 * JSON names in camel case ({@link CustomerFields#jsonName}); every field is optional.
 */
public record CustomerProfile(
        @Size(max = 50) @Pattern(regexp = REFERENCE, message = REFERENCE_MESSAGE) String reference,
        @Size(max = 50) @Pattern(regexp = NAME, message = NAME_MESSAGE) String firstName,
        @Size(max = 50) @Pattern(regexp = NAME, message = NAME_MESSAGE) String lastName,
        @BirthDate String dob,
        @IpAddress String ip,
        @Size(max = 2048) @Base64Encoded String customData,
        @Email(regexp = EMAIL, message = EMAIL_MESSAGE) @Size(max = 254) String email,
        @Valid Contact billing,
        @Valid Shipping shipping) {

    static final String REFERENCE = "[A-Za-z0-9_.,-]*";
    static final String REFERENCE_MESSAGE = "may contain only letters, digits and _ - . ,";
    static final String NAME = "[\\p{L}\\p{M} '.-]*";
    static final String NAME_MESSAGE = "may contain only letters, spaces and ' - .";
    static final String EMAIL = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+";
    static final String EMAIL_MESSAGE = "must be an email address";

    public record Contact(
            @Valid Address address,
            @Email(regexp = EMAIL, message = EMAIL_MESSAGE) @Size(max = 254) String email,
            @Valid Phone phone) {
    }

    public record Shipping(
            Boolean addressMatch,
            @Valid Address address,
            @Email(regexp = EMAIL, message = EMAIL_MESSAGE) @Size(max = 254) String email,
            @Valid Phone phone) {
    }

    public record Address(
            @Size(max = 50) String line1,
            @Size(max = 50) String line2,
            @Size(min = 1, max = 40) String city,
            @Size(min = 1, max = 40) String postcode,
            @Size(max = 3) @Pattern(regexp = "[A-Z0-9]*", message = "must be an ISO 3166-2 subdivision code") String state,
            @CountryCode String countryCode) {
    }

    public record Phone(
            @Pattern(regexp = "\\d{1,3}", message = "must be 1 to 3 digits") String countryCode,
            @Pattern(regexp = "\\d{0,15}", message = "must be at most 15 digits") String number) {
    }
}
