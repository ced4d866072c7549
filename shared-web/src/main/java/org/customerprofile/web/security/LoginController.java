package org.customerprofile.web.security;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
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

/** {@code POST /v1/login}: exchanges an app id and key for a signed bearer token. */
@RestController
@Tag(name = "Authentication")
class LoginController {

    private final KnownApps apps;
    private final JwtEncoder encoder;
    private final AppCredentialsProperties properties;

    LoginController(KnownApps apps, JwtEncoder encoder, AppCredentialsProperties properties) {
        this.apps = apps;
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
    LoginResponse login(@RequestBody LoginRequest request) {
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
        KnownApps.App app = apps.authenticate(request.appId(), request.appKey()).orElseThrow(ApiException::unauthorized);
        Instant now = Instant.now();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .issuer(TokenClaims.ISSUER)
                .subject(app.appId())
                .claim(TokenClaims.COMPANY_ID, app.companyId().toString())
                .issuedAt(now)
                .expiresAt(now.plus(properties.tokenLifetime()));
        if (app.operator()) {
            claims.claim(TokenClaims.SCOPE, TokenClaims.OPERATOR_SCOPE);
        }
        String token = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims.build())).getTokenValue();
        return new LoginResponse("Bearer", properties.tokenLifetime().toSeconds(), token);
    }
}
