package org.customerprofile.web.security;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/** The apps allowed to log in, their keys held only as slow hashes. */
@Component
class KnownApps {

    /** The documented demo credential of the standalone run; the {@code prod} profile refuses it. */
    static final String DEMO_APP_ID = "demo0001";

    private static final String ENCODED_FORM = "^\\{(bcrypt|argon2)}.+";

    private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private final Map<String, App> apps = new HashMap<>();
    /** Compared against when the app id is unknown, so a miss costs as long as a wrong key. */
    private final String decoy = encoder.encode("decoy-key-for-unknown-app-ids");

    record App(String appId, String encodedKey, UUID companyId, boolean operator) {
    }

    KnownApps(AppCredentialsProperties properties, Environment environment) {
        boolean production = environment.acceptsProfiles(Profiles.of("prod"));
        for (AppCredentialsProperties.App app : properties.apps()) {
            boolean encoded = app.appKey().matches(ENCODED_FORM);
            if (production && (!encoded || DEMO_APP_ID.equals(app.appId()))) {
                throw new IllegalStateException("the prod profile refuses the demo app and plain-text app keys (app "
                        + app.appId() + "): configure {bcrypt} or {argon2} encoded keys");
            }
            String key = encoded ? app.appKey() : "{bcrypt}" + new BCryptPasswordEncoder().encode(app.appKey());
            apps.put(app.appId(), new App(app.appId(), key, app.companyId(), app.isOperator()));
        }
    }

    /** The app whose key matches, compared in constant time whether or not the app id exists. */
    Optional<App> authenticate(String appId, String appKey) {
        App app = appId == null ? null : apps.get(appId);
        boolean matches = encoder.matches(appKey == null ? "" : appKey, app == null ? decoy : app.encodedKey());
        return matches && app != null ? Optional.of(app) : Optional.empty();
    }
}
