package org.customerprofile.query.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class WebhookTargetsTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254",
            "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1",
            "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "::127.0.0.1", "fec0::1"})
    void addressesInsideANetworkAreNotPublic(String address) throws UnknownHostException {
        assertThat(WebhookTargets.isPublic(InetAddress.getByName(address))).as(address).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:2800:220:1:248:1893:25c8:1946", "::ffff:8.8.8.8"})
    void publicAddressesArePublic(String address) throws UnknownHostException {
        assertThat(WebhookTargets.isPublic(InetAddress.getByName(address))).as(address).isTrue();
    }

    @Test
    void aHostIsRefusedWhenAnyOfItsAddressesIsPrivate() throws UnknownHostException {
        WebhookTargets targets = new WebhookTargets(false, false,
                host -> List.of(InetAddress.getByName("93.184.216.34"), InetAddress.getByName("10.1.2.3")));

        assertThat(targets.refusal(URI.create("https://merchant.example/hooks"))).isPresent();
    }

    @Test
    void aPublicHostIsAccepted() throws UnknownHostException {
        WebhookTargets targets = new WebhookTargets(false, false, host -> List.of(InetAddress.getByName("93.184.216.34")));

        assertThat(targets.refusal(URI.create("https://merchant.example/hooks"))).isEmpty();
        assertThat(targets.refusal(URI.create("http://merchant.example/hooks"))).isEmpty();
    }

    @Test
    void anUnresolvableHostIsRefused() {
        WebhookTargets targets = new WebhookTargets(false, false, host -> {
            throw new UnknownHostException(host);
        });

        assertThat(targets.refusal(URI.create("https://nowhere.example/"))).contains("host does not resolve");
    }

    @Test
    void privateTargetsPassWhenAllowed() {
        WebhookTargets targets = new WebhookTargets(true, false, host -> List.of(InetAddress.getLoopbackAddress()));

        assertThat(targets.refusal(URI.create("http://localhost:8080/hooks"))).isEmpty();
    }

    @Test
    void httpsOnlyRefusesHttp() {
        WebhookTargets targets = new WebhookTargets(true, true, host -> List.of(InetAddress.getLoopbackAddress()));

        assertThat(targets.refusal(URI.create("http://merchant.example/hooks"))).contains("must be an https URL");
        assertThat(targets.refusal(URI.create("https://merchant.example/hooks"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://merchant.example/hooks", "not a url", "/relative/path", "https://", "mailto:ops@merchant.example",
            "https://user:pass@merchant.example/", "javascript:alert(1)", "file:///etc/passwd"})
    void onlyAbsoluteHttpUrlsParse(String url) {
        assertThat(WebhookTargets.parse(url).refusal()).as(url).isNotNull();
    }

    @Test
    void anHttpsUrlParses() {
        assertThat(WebhookTargets.parse("https://merchant.example:8443/hooks?x=1").uri()).hasHost("merchant.example");
    }
}
