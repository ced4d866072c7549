package org.customerprofile.web.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Failed logins per app id and client address, and per client address: each attempt takes a token from
 * both buckets before the key is checked (so parallel guesses cannot slip past the count), a successful
 * one gives them back. An empty bucket refuses the attempt, right key or not, until its window ends.
 *
 * <p>An app id is never locked for every address: that would let anyone who knows a merchant's app id
 * (it is not a secret) lock the merchant out for as long as they keep sending wrong keys. An attacker
 * locks out only their own address; a merchant behind the same address (a shared NAT) is locked out at
 * most one window after the attacker stops.
 */
public final class LoginFailures {

    /** Counted for app ids no app has, so made-up ids do not make new buckets. */
    public static final String UNKNOWN_APP = "?";

    private final BiFunction<String, BucketConfiguration, Bucket> buckets;
    private final BucketConfiguration perAppAndAddress;
    private final BucketConfiguration perAddress;

    /** @param buckets the bucket of a key, made with the configuration when it does not exist yet */
    public LoginFailures(BiFunction<String, BucketConfiguration, Bucket> buckets, RateLimitsProperties.Login limits) {
        this.buckets = buckets;
        this.perAppAndAddress = failures(limits.failuresPerAppAndAddress(), limits.window());
        this.perAddress = failures(limits.failuresPerAddress(), limits.window());
    }

    /**
     * Counts an attempt as failed until {@link #succeeded} says otherwise; empty when it may go on,
     * else how long the caller must wait.
     *
     * @param appId   a configured app id, or {@link #UNKNOWN_APP}
     * @param address the client address as {@link ClientAddress#of} gives it
     */
    public Optional<Duration> admit(String appId, String address) {
        Bucket app = buckets.apply(appKey(appId, address), perAppAndAddress);
        ConsumptionProbe appProbe = app.tryConsumeAndReturnRemaining(1);
        if (!appProbe.isConsumed()) {
            return Optional.of(waitFor(appProbe));
        }
        ConsumptionProbe addressProbe = buckets.apply(addressKey(address), perAddress).tryConsumeAndReturnRemaining(1);
        if (!addressProbe.isConsumed()) {
            app.addTokens(1);
            return Optional.of(waitFor(addressProbe));
        }
        return Optional.empty();
    }

    /** The admitted attempt logged in: it does not count. */
    public void succeeded(String appId, String address) {
        buckets.apply(appKey(appId, address), perAppAndAddress).addTokens(1);
        buckets.apply(addressKey(address), perAddress).addTokens(1);
    }

    private static BucketConfiguration failures(int allowed, Duration window) {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(allowed).refillIntervally(allowed, window).build())
                .build();
    }

    private static Duration waitFor(ConsumptionProbe probe) {
        return Duration.ofNanos(probe.getNanosToWaitForRefill());
    }

    /** Keys fit the table's column whatever the configured app id: a long one is counted by its hash. */
    static String appKey(String appId, String address) {
        return "app:" + (appId.length() <= 64 ? appId : sha256(appId)) + "@" + address;
    }

    static String addressKey(String address) {
        return "address:" + address;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
