package org.customerprofile.web.security;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import org.customerprofile.web.error.ApiException;
import org.customerprofile.web.error.InvalidParameter;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /v1/login}: exchanges an app id and key for a signed bearer token, which names the key it was
 * issued with; {@code 429} while the app id or the address has failed too often ({@link LoginAttempts}).
 */
@RestController
@Tag(name = "Authentication")
class LoginController {

    private final LoginAttempts attempts;
    private final JwtEncoder encoder;
    private final AppCredentialsProperties properties;

    LoginController(LoginAttempts attempts, JwtEncoder encoder, AppCredentialsProperties properties) {
        this.attempts = attempts;
        this.encoder = encoder;
        this.properties = properties;
    }

    record LoginRequest(@JsonProperty("app_id") String appId, @JsonProperty("app_key") String appKey) {
    }

    record LoginResponse(@JsonProperty("token_type") String tokenType,
                         @JsonProperty("expires_in") long expiresIn,
                         @JsonProperty("access_token") String accessToken) {
    }

    @SecurityRequirements // the one call without a token
    @PostMapping(path = "/v1/login", consumes = MediaType.APPLICATION_JSON_VALUE)
    LoginResponse login(@RequestBody LoginRequest request, HttpServletRequest http) {
        List<InvalidParameter> missing = new ArrayList<>();
        if (request.appId() == null || request.appId().isBlank()) {
            missing.add(new InvalidParameter("app_id", "is required"));
        }
        if (request.appKey() == null || request.appKey().isBlank()) {
            missing.add(new InvalidParameter("app_key", "is required"));
        }
        if (!missing.isEmpty()) {
            throw ApiException.invalid(missing);
        }
        LoginAttempts.Outcome outcome = attempts.attempt(request.appId(), request.appKey(), http.getRemoteAddr(), LoginAttempts.Via.LOGIN);
        if (outcome instanceof LoginAttempts.LockedOut lockedOut) {
            throw ApiException.tooManyRequests(lockedOut.retryAfter());
        }
        if (!(outcome instanceof LoginAttempts.LoggedIn loggedIn)) {
            throw ApiException.unauthorized();
        }
        KnownApps.App app = loggedIn.app();
        Instant now = Instant.now();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .issuer(TokenClaims.ISSUER)
                .subject(app.appId())
                .claim(TokenClaims.COMPANY_ID, app.companyId().toString())
                .claim(TokenClaims.APP_KEY_ID, loggedIn.keyId())
                .issuedAt(now)
                .expiresAt(now.plus(properties.tokenLifetime()));
        if (app.operator()) {
            claims.claim(TokenClaims.SCOPE, TokenClaims.OPERATOR_SCOPE);
        }
        String token = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims.build())).getTokenValue();
        return new LoginResponse("Bearer", properties.tokenLifetime().toSeconds(), token);
    }
}
