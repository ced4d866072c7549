package org.customerprofile.web.security;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/** The apps allowed to log in, their keys (one, or two while one is rotated) held only as slow hashes. */
@Component
class KnownApps {

    /** The documented demo credential of the standalone run; the {@code prod} profile refuses it. */
    static final String DEMO_APP_ID = "demo0001";

    private static final String ENCODED_FORM = "^\\{(bcrypt|argon2)}.+";

    private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private final Map<String, App> apps = new HashMap<>();
    /** Compared against when the app id is unknown, so a miss costs as long as a wrong key. */
    private final String decoy = encoder.encode("decoy-key-for-unknown-app-ids");

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
            List<Key> keys = new ArrayList<>();
            for (String configured : app.appKeys()) {
                boolean encoded = configured.matches(ENCODED_FORM);
                if (production && (!encoded || DEMO_APP_ID.equals(app.appId()))) {
                    throw new IllegalStateException("the prod profile refuses the demo app and plain-text app keys (app "
                            + app.appId() + "): configure {bcrypt} or {argon2} encoded keys");
                }
                String hash = encoded ? configured : "{bcrypt}" + new BCryptPasswordEncoder().encode(configured);
                keys.add(new Key(hash, signingKey.fingerprint(app.appId(), configured)));
            }
            apps.put(app.appId(), new App(app.appId(), List.copyOf(keys), app.companyId(), app.isOperator()));
        }
    }

    /**
     * The app and key that match, compared in constant time for a given app whether or not the app id
     * exists (an app with a second key takes a second comparison).
     */
    Optional<Match> authenticate(String appId, String appKey) {
        App app = appId == null ? null : apps.get(appId);
        String candidate = appKey == null ? "" : appKey;
        if (app == null) {
            encoder.matches(candidate, decoy);
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
        return appId != null && apps.containsKey(appId);
    }

    /** Whether the app is configured and still has the key a token was issued with. */
    boolean holdsKey(String appId, String keyId) {
        App app = appId == null ? null : apps.get(appId);
        return app != null && keyId != null && app.keys().stream().anyMatch(key -> key.id().equals(keyId));
    }
}
