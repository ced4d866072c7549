package org.customerprofile.web.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Bearer tokens whose signature was already checked, so a client presenting the same token on every request
 * pays for parsing it and its HMAC once. Only what the signature proves is remembered, keyed by the whole token
 * (its signature included), so an entry is reached only by the exact token that was verified; the claims are
 * still validated on every request — expiry, issuer, company and the app key it was issued with, so a token
 * expires or is refused after its key's rotation exactly as before. A token that fails the check is never kept.
 */
final class VerifiedTokens implements JwtDecoder {

    /** Enough for every app's current token; a client logging in per request only misses. */
    private static final int CAPACITY = 1_000;

    private final JwtDecoder signatureCheck;
    private final OAuth2TokenValidator<Jwt> validator;
    private final Cache<String, Jwt> verified;

    /** {@code signatureCheck} parses and verifies a token without validating its claims; {@code validator} does that. */
    VerifiedTokens(JwtDecoder signatureCheck, OAuth2TokenValidator<Jwt> validator, Duration tokenLifetime) {
        this.signatureCheck = signatureCheck;
        this.validator = validator;
        this.verified = Caffeine.newBuilder().maximumSize(CAPACITY).expireAfterWrite(tokenLifetime).build();
    }

    @Override
    public Jwt decode(String token) {
        Jwt jwt = verified.get(token, signatureCheck::decode);
        OAuth2TokenValidatorResult result = validator.validate(jwt);
        if (result.hasErrors()) {
            String description = result.getErrors().iterator().next().getDescription();
            throw new JwtValidationException("An error occurred while attempting to decode the Jwt: " + description, result.getErrors());
        }
        return jwt;
    }
}
