package org.customerprofile.api.customer;

import java.util.Locale;

/**
 * What makes two references the same reference, everywhere: trimmed and ignoring case, so
 * {@code Order-1} and {@code order-1 } are one. A reference is stored as given; uniqueness claims and
 * the list's {@code reference} filter compare these keys.
 */
public final class ReferenceKey {

    private ReferenceKey() {
    }

    /** The key {@code reference} is compared by. */
    public static String of(String reference) {
        return reference.strip().toLowerCase(Locale.ROOT);
    }

    /** Whether two references are the same reference; {@code null} is the same as nothing. */
    public static boolean same(String a, String b) {
        return a != null && b != null && of(a).equals(of(b));
    }
}
