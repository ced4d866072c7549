package org.customerprofile.api.customer;

/** How a field is found by the list's search parameters (the contract's "Search and duplicates"). */
public enum Search {
    /** {@code email}: exactly, ignoring case. */
    EMAIL,
    /** {@code phone}: by digits, country code and number together or the number alone. */
    PHONE,
    /** {@code postcode}: ignoring case and spaces. */
    POSTCODE,
    /** {@code first_name}, {@code last_name}: the whole name, ignoring case and accents. */
    NAME,
    /** {@code q}: a source of words that free-text terms prefix-match. */
    TEXT,
    /** {@code reference}: as uniqueness compares it ({@link ReferenceKey}). */
    REFERENCE
}
