package org.customerprofile.web.ratelimit;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Who a limit counts: an IPv4 address as it is, an IPv6 address by its /64, since one host commonly holds
 * a whole /64 and could otherwise take a fresh address for every attempt.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    /** The counted form of the servlet container's remote address (a literal, never resolved). */
    public static String of(String remoteAddress) {
        if (remoteAddress == null || remoteAddress.isBlank()) {
            return "unknown";
        }
        if (!remoteAddress.contains(":")) {
            return remoteAddress;
        }
        try {
            String literal = remoteAddress.startsWith("[") ? remoteAddress.substring(1, remoteAddress.length() - 1) : remoteAddress;
            InetAddress address = InetAddress.getByName(literal);
            if (!(address instanceof Inet6Address)) {
                return address.getHostAddress();
            }
            byte[] bytes = address.getAddress();
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
            }
            return prefix.append(":/64").toString();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
