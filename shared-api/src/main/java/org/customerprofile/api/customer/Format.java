package org.customerprofile.api.customer;

import java.net.IDN;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** A check a field's value must pass beyond its lengths and pattern; OpenAPI names it as its {@code format}. */
public enum Format {
    TEXT(null, value -> true),
    /** The contract's shape {@code x@y.z}, with a local part of at most 64 characters and a valid domain. */
    EMAIL("must be an email address", Format::isEmail),
    /** A real calendar date {@code YYYY-MM-DD}, today (UTC) or earlier: a birth date. */
    DATE("must be a real date in the form YYYY-MM-DD, not in the future", Format::isPastDate),
    /** An IPv4 or IPv6 address literal, never resolved as a host name. */
    IP("must be an IPv4 or IPv6 address", Format::isIpAddress),
    /** Standard base64 (RFC 4648 alphabet). */
    BASE64("must be base64 encoded", Format::isBase64),
    /** An ISO 3166-1 alpha-2 code that exists, in any case. */
    COUNTRY_CODE("must be an ISO 3166-1 alpha-2 country code", Format::isCountryCode),
    BOOLEAN(null, value -> true);

    private static final Pattern CONTRACT_EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final String ATOM = "[a-z0-9!#$%&'*+/=?^_`{|}~\u0080-\uFFFF-]+";
    private static final Pattern LOCAL_PART = Pattern.compile(ATOM + "(\\." + ATOM + ")*", Pattern.CASE_INSENSITIVE);
    private static final String LABEL_CHARACTER = "[a-z0-9!#$%&'*+/=?^_`{|}~\u0080-\uFFFF]";
    private static final Pattern DOMAIN = Pattern.compile(
            LABEL_CHARACTER + "(?:[a-z0-9!#$%&'*+/=?^_`{|}~\u0080-\uFFFF-]*" + LABEL_CHARACTER + ")?"
                    + "(?:\\." + LABEL_CHARACTER + "(?:[a-z0-9!#$%&'*+/=?^_`{|}~\u0080-\uFFFF-]*" + LABEL_CHARACTER + ")?)*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern IPV4 =
            Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]+");
    private static final Set<String> COUNTRY_CODES = Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2);

    private final String reason;
    private final Predicate<String> accepts;

    Format(String reason, Predicate<String> accepts) {
        this.reason = reason;
        this.accepts = accepts;
    }

    /** What a client is told when a value breaks the format; {@code null} for a format without a check. */
    public String reason() {
        return reason;
    }

    /** Whether a string value passes the format's check. */
    public boolean accepts(String value) {
        return accepts.test(value);
    }

    private static boolean isEmail(String value) {
        if (!CONTRACT_EMAIL.matcher(value).matches()) {
            return false;
        }
        int at = value.indexOf('@');
        String local = value.substring(0, at);
        String domain = value.substring(at + 1);
        return local.length() <= 64 && LOCAL_PART.matcher(local).matches()
                && domain.length() <= 255 && DOMAIN.matcher(domain).matches() && hasShortLabels(domain);
    }

    /** Every label of the domain at most 63 characters once in ASCII, as DNS (and IDN) require. */
    private static boolean hasShortLabels(String domain) {
        try {
            IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isPastDate(String value) {
        try {
            // ISO_LOCAL_DATE resolves strictly: 2023-02-30 is rejected, not rolled over
            return !LocalDate.parse(value).isAfter(LocalDate.now(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean isIpAddress(String value) {
        if (IPV4.matcher(value).matches()) {
            return true;
        }
        if (!value.contains(":") || !IPV6_CHARACTERS.matcher(value).matches()) {
            return false;
        }
        try {
            // a string with ':' is parsed as an IPv6 literal, never looked up in DNS
            InetAddress.getByName(value);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean isBase64(String value) {
        try {
            Base64.getDecoder().decode(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isCountryCode(String value) {
        return COUNTRY_CODES.contains(value.toUpperCase(Locale.ROOT));
    }
}
