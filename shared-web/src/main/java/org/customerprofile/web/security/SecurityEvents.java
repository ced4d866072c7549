package org.customerprofile.web.security;

import java.time.Duration;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logins and rate-limit refusals, one line each on the logger {@code security}: app id, client address,
 * outcome and why; never a key or a token. A run of API refusals of one app is logged when it starts and
 * when it ends, not per request.
 */
public final class SecurityEvents {

    /** The logger's name: route or keep these lines apart with it. */
    public static final String LOGGER = "security";

    private static final Logger log = LoggerFactory.getLogger(LOGGER);
    /** What an app id may look like in a log line; anything else a client sends is not echoed. */
    private static final Pattern PRINTABLE_APP_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** Why a login failed: the app id is unknown, or the key is not one of the app's. */
    enum Failure {
        UNKNOWN_APP, WRONG_KEY;

        String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private SecurityEvents() {
    }

    static void loginSucceeded(String appId, String address, String via, String keyId) {
        log.info("login outcome=success app_id={} client={} via={} key_id={}", printable(appId), address, via, keyId);
    }

    static void loginFailed(String appId, String address, String via, Failure failure) {
        log.warn("login outcome=failure app_id={} client={} via={} reason={}", printable(appId), address, via, failure.code());
    }

    static void loginLockedOut(String appId, String address, String via, Duration retryAfter) {
        log.warn("login outcome=refused app_id={} client={} via={} reason=too_many_failures retry_after_s={}",
                printable(appId), address, via, seconds(retryAfter));
    }

    public static void apiRateLimited(String appId, String address, Duration retryAfter) {
        log.warn("rate-limit outcome=refused app_id={} client={} reason=api_rate retry_after_s={} (further refusals of this app are "
                + "counted until one of its requests is let through again)", printable(appId), address, seconds(retryAfter));
    }

    public static void apiRateLimitEnded(String appId, long refused) {
        log.info("rate-limit outcome=resumed app_id={} refused={}", printable(appId), refused);
    }

    /** The app id as sent, if it looks like one; a client cannot write into the log through it. */
    static String printable(String appId) {
        if (appId == null || appId.isEmpty()) {
            return "-";
        }
        return PRINTABLE_APP_ID.matcher(appId).matches() ? appId : "<unprintable>";
    }

    private static long seconds(Duration wait) {
        return Math.max(1, (wait.toNanos() + 999_999_999L) / 1_000_000_000L);
    }
}
