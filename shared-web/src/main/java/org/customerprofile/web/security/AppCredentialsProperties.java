package org.customerprofile.web.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code customers.security.*}: the app credentials that may log in, and how bearer tokens are signed.
 *
 * @param apps          the apps that may log in, each belonging to exactly one company (no default: the
 *                      standalone run ships a demo app)
 * @param tokenSecret   HMAC key (at least 32 bytes) signing bearer tokens, the same in every process that
 *                      issues or checks them; when empty a random one is made, valid for this process only
 * @param tokenLifetime how long an access token is valid
 */
@ConfigurationProperties("customers.security")
@Validated
public record AppCredentialsProperties(
        @DefaultValue List<@Valid App> apps,
        String tokenSecret,
        @DefaultValue("1h") @DurationMin(seconds = 1) Duration tokenLifetime) {

    /**
     * One app's credential.
     *
     * @param appId     the {@code app_id} it logs in with
     * @param appKey    its {@code app_key}: Spring Security's encoded form ({@code {bcrypt}…}), or plain text,
     *                  hashed at start-up (the {@code prod} profile refuses plain text)
     * @param companyId the company whose customers its tokens reach
     * @param operator   {@code true} lets it call the operator endpoints ({@code /v1/operations/**}) and
     *                   read the metrics; absent means {@code false}, a merchant's app
     * @param nextAppKey a second key valid beside {@code app-key}, in the same forms, to rotate without
     *                   downtime: the merchant moves to it, then it becomes {@code app-key} and the old key
     *                   goes, and so do the tokens issued with the old key
     */
    public record App(@NotBlank String appId, @NotBlank String appKey, @NotNull UUID companyId, Boolean operator, String nextAppKey) {

        @ConstructorBinding
        public App {
        }

        /** A merchant's app with one key. */
        public App(String appId, String appKey, UUID companyId) {
            this(appId, appKey, companyId, null, null);
        }

        /** The keys it may log in with, as configured: {@code app-key}, then {@code next-app-key} when set. */
        public List<String> appKeys() {
            return nextAppKey == null || nextAppKey.isBlank() ? List.of(appKey) : List.of(appKey, nextAppKey);
        }

        public boolean isOperator() {
            return Boolean.TRUE.equals(operator);
        }
    }
}
