package org.customerprofile.web.security;

import java.time.Duration;
import java.util.Optional;
import org.customerprofile.web.ratelimit.ClientAddress;
import org.customerprofile.web.ratelimit.LoginFailures;
import org.springframework.stereotype.Component;

/**
 * Every check of an app's key, by {@code POST /v1/login} or HTTP Basic: refused unread while the app id or
 * the address has failed too often ({@link LoginFailures}), else checked, counted and logged.
 */
@Component
class LoginAttempts {

    /** How the key was presented, as the log line says it. */
    enum Via {
        LOGIN, BASIC;

        String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    sealed interface Outcome {
    }

    record LoggedIn(KnownApps.App app, String keyId) implements Outcome {
    }

    record Refused() implements Outcome {
    }

    record LockedOut(Duration retryAfter) implements Outcome {
    }

    private final KnownApps apps;
    private final LoginFailures failures;

    LoginAttempts(KnownApps apps, LoginFailures failures) {
        this.apps = apps;
        this.failures = failures;
    }

    Outcome attempt(String appId, String appKey, String remoteAddress, Via via) {
        String address = ClientAddress.of(remoteAddress);
        String counted = apps.isKnown(appId) ? appId : LoginFailures.UNKNOWN_APP;
        Optional<Duration> lockedOut = failures.admit(counted, address);
        if (lockedOut.isPresent()) {
            SecurityEvents.loginLockedOut(appId, address, via.code(), lockedOut.get());
            return new LockedOut(lockedOut.get());
        }
        Optional<KnownApps.Match> match = apps.authenticate(appId, appKey);
        if (match.isEmpty()) {
            SecurityEvents.loginFailed(appId, address, via.code(),
                    apps.isKnown(appId) ? SecurityEvents.Failure.WRONG_KEY : SecurityEvents.Failure.UNKNOWN_APP);
            return new Refused();
        }
        failures.succeeded(counted, address);
        SecurityEvents.loginSucceeded(appId, address, via.code(), match.get().keyId());
        return new LoggedIn(match.get().app(), match.get().keyId());
    }
}
