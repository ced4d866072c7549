package org.customerprofile.web.security;

import java.util.List;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * HTTP Basic with an app's id and key, checked like a login: for a scraper that cannot log in for an
 * hour-long token. An operator app gets the operator scope, any other app is known but may do nothing more.
 */
class AppKeyAuthentication implements AuthenticationProvider {

    private final KnownApps apps;

    AppKeyAuthentication(KnownApps apps) {
        this.apps = apps;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String appKey = authentication.getCredentials() == null ? null : authentication.getCredentials().toString();
        KnownApps.App app = apps.authenticate(authentication.getName(), appKey)
                .orElseThrow(() -> new BadCredentialsException("unknown app or wrong key"));
        return UsernamePasswordAuthenticationToken.authenticated(app.appId(), null,
                app.operator() ? List.of(new SimpleGrantedAuthority(TokenClaims.OPERATOR_AUTHORITY)) : List.of());
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
