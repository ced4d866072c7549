package org.customerprofile.web.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientAddressTest {

    @Test
    void anIpv4AddressCountsAsItIs() {
        assertThat(ClientAddress.of("203.0.113.7")).isEqualTo("203.0.113.7");
    }

    @Test
    void anIpv6AddressCountsWithItsWholeSlash64() {
        assertThat(ClientAddress.of("2001:db8:1:2:aaaa::1")).isEqualTo("2001:db8:1:2::/64");
        assertThat(ClientAddress.of("2001:0db8:0001:0002:ffff:ffff:ffff:ffff")).isEqualTo("2001:db8:1:2::/64");
        assertThat(ClientAddress.of("[::1]")).isEqualTo("0:0:0:0::/64");
    }

    @Test
    void noAddressIsCountedTogether() {
        assertThat(ClientAddress.of(null)).isEqualTo("unknown");
        assertThat(ClientAddress.of(" ")).isEqualTo("unknown");
    }
}
