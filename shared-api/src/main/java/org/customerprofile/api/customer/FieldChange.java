package org.customerprofile.api.customer;

/** A leaf's value before and after a change; {@code null} means absent. */
public record FieldChange(Object previous, Object current) {
}
