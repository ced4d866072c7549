package org.customerprofile.web.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import javax.crypto.SecretKey;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.customerprofile.web.error.ApiError;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Every endpoint but login, health and the API docs needs a bearer token signed by us (HS256). The
 * token names the app and its company; refusals use the contract's error body. The operator endpoints
 * ({@code /v1/operations/**}) show and change state across companies: only tokens of apps configured as
 * operators carry the scope they need, every other app gets a {@code 403}. So does the actuator
 * ({@code /actuator/prometheus}, which a scraper may also fetch with HTTP Basic and an operator app's key),
 * but for the status of {@code /actuator/health}.
 */
@Configuration
class SecurityConfiguration implements WebMvcConfigurer {

    private final SecretKey key;
    private final KnownApps apps;
    private final ObjectMapper objectMapper;
    private final Duration tokenLifetime;

    SecurityConfiguration(TokenSigningKey signingKey, KnownApps apps, ObjectMapper objectMapper, AppCredentialsProperties properties) {
        this.key = signingKey.key();
        this.apps = apps;
        this.objectMapper = objectMapper;
        this.tokenLifetime = properties.tokenLifetime();
    }

    /**
     * Authentications and authorizations are still observed (timed, counted); the span around each of the
     * chain's filters is not — on a {@code GET} it cost more than the authentication itself.
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.withDefaults().shouldObserveRequests(false).build();
    }

    /** Login is open whatever else the request carries: a client with an expired token must be able to log in again. */
    @Bean
    @Order(1)
    SecurityFilterChain loginSecurity(HttpSecurity http) throws Exception {
        return http
                .securityMatcher("/v1/login")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .build();
    }

    /**
     * The actuator spans every company: operators only, by bearer token or, for a scraper, HTTP Basic with
     * the app's key. Health is open to anyone, as its status alone; its details need the operator authority
     * ({@code management.endpoint.health.roles}).
     */
    @Bean
    @Order(2)
    SecurityFilterChain actuatorSecurity(HttpSecurity http, LoginAttempts attempts) throws Exception {
        return bearerTokens(http.securityMatcher("/actuator", "/actuator/**"))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .anyRequest().hasAuthority(TokenClaims.OPERATOR_AUTHORITY))
                .authenticationProvider(new AppKeyAuthentication(attempts))
                .httpBasic(basic -> basic.authenticationEntryPoint((request, response, e) -> refuse(request, response, 401)))
                .build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain apiSecurity(HttpSecurity http) throws Exception {
        return bearerTokens(http)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/error", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll()
                        .requestMatchers("/v1/operations/**").hasAuthority(TokenClaims.OPERATOR_AUTHORITY)
                        .anyRequest().authenticated())
                .build();
    }

    /**
     * Stateless, bearer tokens checked by {@link #jwtDecoder()}, refusals in the contract's error shape; none of
     * the filters a browser session needs (logout, saved requests).
     */
    private HttpSecurity bearerTokens(HttpSecurity http) throws Exception {
        return http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.decoder(jwtDecoder()))
                        .authenticationEntryPoint((request, response, e) -> refuse(request, response, 401))
                        .accessDeniedHandler((request, response, e) -> refuse(request, response, 403)))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint((request, response, e) -> refuse(request, response, 401))
                        .accessDeniedHandler((request, response, e) -> refuse(request, response, 403)));
    }

    /** HS256 signatures checked once per token ({@link VerifiedTokens}), the claims on every request. */
    @Bean
    JwtDecoder jwtDecoder() {
        NimbusJwtDecoder signatureCheck = NimbusJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).build();
        signatureCheck.setJwtValidator(token -> OAuth2TokenValidatorResult.success());
        return new VerifiedTokens(signatureCheck, new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(TokenClaims.ISSUER),
                new JwtClaimValidator<String>(TokenClaims.COMPANY_ID, companyId -> companyId != null && !companyId.isBlank()),
                this::issuedWithAConfiguredKey), tokenLifetime);
    }

    /** A token issued with a key that is no longer configured (rotated out, or its app removed) is refused. */
    private OAuth2TokenValidatorResult issuedWithAConfiguredKey(Jwt token) {
        return apps.holdsKey(token.getSubject(), token.getClaimAsString(TokenClaims.APP_KEY_ID))
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "the app key this token was issued with is not configured", null));
    }

    @Bean
    JwtEncoder jwtEncoder() {
        return new NimbusJwtEncoder(new ImmutableSecret<>(key));
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CallerArgumentResolver());
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, int status) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        if (status == 401) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        objectMapper.writeValue(response.getOutputStream(), ApiError.of(status, request.getRequestURI()));
    }
}
