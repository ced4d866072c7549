package org.customerprofile.web.security;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The apps allowed to log in, their keys (one, or two while one is rotated) held only as slow hashes. Keys
 * configured in plain text are hashed on a thread of their own while the service starts (a slow hash is
 * slow on purpose: ≈ 0.4 s of a start's critical path); the first login waits for them if it must.
 */
@Component
class KnownApps {

    /** The documented demo credential of the standalone run; the {@code prod} profile refuses it. */
    static final String DEMO_APP_ID = "demo0001";

    private static final String ENCODED_FORM = "^\\{(bcrypt|argon2)}.+";

    private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private final CompletableFuture<Hashed> hashed;

    /** The apps by id, and the hash compared against when the app id is unknown, so a miss costs as long as a wrong key. */
    private record Hashed(Map<String, App> apps, String decoy) {
    }

    /**
     * One of an app's keys: its slow hash, and the fingerprint its tokens carry
     * ({@link TokenSigningKey#fingerprint}).
     */
    record Key(String encoded, String id) {
    }

    record App(String appId, List<Key> keys, UUID companyId, boolean operator) {
    }

    /** An app that logged in, and which of its keys it used. */
    record Match(App app, String keyId) {
    }

    KnownApps(AppCredentialsProperties properties, Environment environment, TokenSigningKey signingKey) {
        boolean production = environment.acceptsProfiles(Profiles.of("prod"));
        for (AppCredentialsProperties.App app : properties.apps()) {
            boolean plain = app.appKeys().stream().anyMatch(configured -> !configured.matches(ENCODED_FORM));
            if (production && (plain || DEMO_APP_ID.equals(app.appId()))) {
                throw new IllegalStateException("the prod profile refuses the demo app and plain-text app keys (app "
                        + app.appId() + "): configure {bcrypt} or {argon2} encoded keys");
            }
        }
        List<AppCredentialsProperties.App> configured = List.copyOf(properties.apps());
        hashed = CompletableFuture.supplyAsync(() -> hash(configured, signingKey));
    }

    private Hashed hash(List<AppCredentialsProperties.App> configured, TokenSigningKey signingKey) {
        Map<String, App> apps = new HashMap<>();
        for (AppCredentialsProperties.App app : configured) {
            List<Key> keys = new ArrayList<>();
            for (String key : app.appKeys()) {
                String hash = key.matches(ENCODED_FORM) ? key : "{bcrypt}" + new BCryptPasswordEncoder().encode(key);
                keys.add(new Key(hash, signingKey.fingerprint(app.appId(), key)));
            }
            apps.put(app.appId(), new App(app.appId(), List.copyOf(keys), app.companyId(), app.isOperator()));
        }
        return new Hashed(Map.copyOf(apps), encoder.encode("decoy-key-for-unknown-app-ids"));
    }

    /**
     * The app and key that match, compared in constant time for a given app whether or not the app id
     * exists (an app with a second key takes a second comparison).
     */
    Optional<Match> authenticate(String appId, String appKey) {
        Hashed known = hashed.join();
        App app = appId == null ? null : known.apps().get(appId);
        String candidate = appKey == null ? "" : appKey;
        if (app == null) {
            encoder.matches(candidate, known.decoy());
            return Optional.empty();
        }
        Match match = null;
        for (Key key : app.keys()) {
            if (encoder.matches(candidate, key.encoded()) && match == null) {
                match = new Match(app, key.id());
            }
        }
        return Optional.ofNullable(match);
    }

    boolean isKnown(String appId) {
        return appId != null && hashed.join().apps().containsKey(appId);
    }

    /** Whether the app is configured and still has the key a token was issued with. */
    boolean holdsKey(String appId, String keyId) {
        App app = appId == null ? null : hashed.join().apps().get(appId);
        return app != null && keyId != null && app.keys().stream().anyMatch(key -> key.id().equals(keyId));
    }
}
