package org.customerprofile.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

class VerifiedTokensTest {

    private static final SecretKey KEY = hs256("a-token-secret-of-at-least-32-bytes-0000");
    private static final SecretKey OTHER_KEY = hs256("another-secret-of-at-least-32-bytes-000");

    private final AtomicInteger signatureChecks = new AtomicInteger();
    private final AtomicBoolean claimsValid = new AtomicBoolean(true);
    private final VerifiedTokens tokens = new VerifiedTokens(countingSignatureCheck(), token -> claimsValid.get()
            ? OAuth2TokenValidatorResult.success()
            : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "the app key is not configured", null)),
            Duration.ofHours(1));

    @Test
    void checksATokensSignatureOnceAndItsClaimsEveryTime() {
        String token = tokenSignedWith(KEY, "app00001");

        assertThat(tokens.decode(token).getSubject()).isEqualTo("app00001");
        assertThat(tokens.decode(token).getSubject()).isEqualTo("app00001");
        assertThat(signatureChecks).hasValue(1);

        claimsValid.set(false);
        assertThatThrownBy(() -> tokens.decode(token))
                .isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("the app key is not configured");
    }

    @Test
    void neverRemembersATokenThatFailsItsSignatureCheck() {
        String forged = tokenSignedWith(OTHER_KEY, "app00001");

        assertThatThrownBy(() -> tokens.decode(forged)).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode(forged)).isInstanceOf(BadJwtException.class);
        assertThat(signatureChecks).hasValue(2);
    }

    @Test
    void aTokenWithAnotherSignatureIsNotTheRememberedOne() {
        String token = tokenSignedWith(KEY, "app00001");
        tokens.decode(token);
        String sameClaimsForged = token.substring(0, token.lastIndexOf('.') + 1) + tokenSignedWith(OTHER_KEY, "app00001")
                .substring(token.lastIndexOf('.') + 1);

        assertThatThrownBy(() -> tokens.decode(sameClaimsForged)).isInstanceOf(BadJwtException.class);
    }

    private JwtDecoder countingSignatureCheck() {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(KEY).macAlgorithm(MacAlgorithm.HS256).build();
        decoder.setJwtValidator(token -> OAuth2TokenValidatorResult.success());
        return token -> {
            signatureChecks.incrementAndGet();
            return decoder.decode(token);
        };
    }

    private static String tokenSignedWith(SecretKey key, String subject) {
        Instant now = Instant.now();
        JwtClaimsSet claims = JwtClaimsSet.builder().issuer(TokenClaims.ISSUER).subject(subject)
                .issuedAt(now).expiresAt(now.plusSeconds(600)).build();
        return new NimbusJwtEncoder(new ImmutableSecret<>(key))
                .encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims)).getTokenValue();
    }

    private static SecretKey hs256(String secret) {
        return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }
}
