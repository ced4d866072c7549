package org.customerprofile.web.security;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code customers.security.*}: the app credentials that may log in, and how bearer tokens are signed.
 *
 * @param apps          each app belongs to exactly one company; {@code app-key} is Spring Security's
 *                      encoded form ({@code {bcrypt}…}) or plain text, hashed at start-up; {@code operator:
 *                      true} also lets the app call the operator endpoints ({@code /v1/operations/**})
 * @param tokenSecret   HMAC key (at least 32 bytes) shared by every process that issues or checks
 *                      tokens; when empty a random one is made, valid for this process only
 * @param tokenLifetime how long an access token is valid
 */
@ConfigurationProperties("customers.security")
public record AppCredentialsProperties(
        @DefaultValue List<App> apps,
        String tokenSecret,
        @DefaultValue("1h") Duration tokenLifetime) {

    /** {@code operator} absent means {@code false}: a merchant's app. */
    public record App(String appId, String appKey, UUID companyId, Boolean operator) {

        @ConstructorBinding
        public App {
        }

        /** A merchant's app. */
        public App(String appId, String appKey, UUID companyId) {
            this(appId, appKey, companyId, null);
        }

        public boolean isOperator() {
            return Boolean.TRUE.equals(operator);
        }
    }
}
