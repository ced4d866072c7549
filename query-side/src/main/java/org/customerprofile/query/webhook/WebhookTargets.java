package org.customerprofile.query.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which URLs the service calls: {@code http} and {@code https} only ({@code https} only when asked, as the
 * {@code prod} profile does), and, unless private targets are allowed, none whose host resolves to an
 * address inside a network (loopback, private, carrier-grade NAT, link-local, unique-local, multicast,
 * unspecified, reserved; IPv4-mapped IPv6 addresses judged as the IPv4 address they carry). A webhook must
 * not become a way to reach the service's own network. Checked at registration and again before every
 * delivery, since a DNS answer may change.
 */
final class WebhookTargets {

    static final int MAX_URL_LENGTH = 2048;

    /** Resolves a host name to its addresses; a function so that tests need no DNS. */
    interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    private final boolean allowPrivate;
    private final boolean httpsOnly;
    private final Resolver resolver;

    WebhookTargets(boolean allowPrivate, boolean httpsOnly, Resolver resolver) {
        this.allowPrivate = allowPrivate;
        this.httpsOnly = httpsOnly;
        this.resolver = resolver;
    }

    static WebhookTargets resolvingWithDns(boolean allowPrivate, boolean httpsOnly) {
        return new WebhookTargets(allowPrivate, httpsOnly, host -> List.of(InetAddress.getAllByName(host)));
    }

    /** {@code url} as an absolute http(s) URI, or why it is not one (a reason that names no address). */
    static Parsed parse(String url) {
        if (url.length() > MAX_URL_LENGTH) {
            return new Parsed(null, "must be at most " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return new Parsed(null, "must be an absolute http or https URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return new Parsed(null, "must be an http or https URL");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return new Parsed(null, "must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            return new Parsed(null, "must not hold credentials");
        }
        if (uri.getRawFragment() != null) {
            return new Parsed(null, "must not have a fragment");
        }
        return new Parsed(uri, null);
    }

    /** The result of {@link #parse}: a URI or a reason. */
    record Parsed(URI uri, String refusal) {
    }

    /** Why the service must not call {@code uri} now, if it must not. */
    Optional<String> refusal(URI uri) {
        if (httpsOnly && !"https".equalsIgnoreCase(uri.getScheme())) {
            return Optional.of("must be an https URL");
        }
        if (allowPrivate) {
            return Optional.empty();
        }
        String host = uri.getHost();
        // an IPv6 literal comes bracketed
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            return Optional.of("host does not resolve");
        }
        if (addresses.isEmpty()) {
            return Optional.of("host does not resolve");
        }
        for (InetAddress address : addresses) {
            if (!isPublic(address)) {
                return Optional.of("host resolves to a loopback, private, link-local or multicast address");
            }
        }
        return Optional.empty();
    }

    /** Whether {@code address} is reachable on the public internet (not inside any network). */
    static boolean isPublic(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            byte[] bytes = v6.getAddress();
            if (isIpv4Mapped(bytes) || isIpv4Compatible(bytes)) {
                byte[] v4 = {bytes[12], bytes[13], bytes[14], bytes[15]};
                try {
                    return isPublic(InetAddress.getByAddress(v4));
                } catch (UnknownHostException e) {
                    return false;
                }
            }
            int first = bytes[0] & 0xff;
            return !(v6.isAnyLocalAddress() || v6.isLoopbackAddress() || v6.isLinkLocalAddress() || v6.isSiteLocalAddress()
                    || v6.isMulticastAddress()
                    // fc00::/7 unique local
                    || (first & 0xfe) == 0xfc
                    // 2001:db8::/32 documentation
                    || (first == 0x20 && (bytes[1] & 0xff) == 0x01 && (bytes[2] & 0xff) == 0x0d && (bytes[3] & 0xff) == 0xb8));
        }
        if (address instanceof Inet4Address) {
            byte[] b = address.getAddress();
            int a = b[0] & 0xff;
            int c = b[1] & 0xff;
            return !(a == 0                                  // 0.0.0.0/8 "this network", unspecified
                    || a == 10                                // 10/8 private
                    || a == 127                               // loopback
                    || (a == 100 && (c & 0xc0) == 64)         // 100.64/10 carrier-grade NAT
                    || (a == 169 && c == 254)                 // link-local
                    || (a == 172 && (c & 0xf0) == 16)         // 172.16/12 private
                    || (a == 192 && c == 168)                 // 192.168/16 private
                    || (a == 192 && c == 0 && (b[2] & 0xff) == 0) // 192.0.0/24 protocol assignments
                    || (a == 198 && (c & 0xfe) == 18)         // 198.18/15 benchmarking
                    || a >= 224);                             // multicast, reserved, broadcast
        }
        return false;
    }

    private static boolean isIpv4Mapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff;
    }

    /** {@code ::a.b.c.d} (deprecated, but some stacks still route it as IPv4); {@code ::} and {@code ::1} are not. */
    private static boolean isIpv4Compatible(byte[] bytes) {
        for (int i = 0; i < 12; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return (bytes[12] | bytes[13]) != 0;
    }
}
