package org.customerprofile.web.security;

import java.util.List;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * HTTP Basic with an app's id and key, checked like a login: for a scraper that cannot log in for an
 * hour-long token. Counted and locked out as a login is. An operator app gets the operator scope, any other
 * app is known but may do nothing more.
 */
class AppKeyAuthentication implements AuthenticationProvider {

    private final LoginAttempts attempts;

    AppKeyAuthentication(LoginAttempts attempts) {
        this.attempts = attempts;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String appKey = authentication.getCredentials() == null ? null : authentication.getCredentials().toString();
        String address = authentication.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress() : null;
        // a lockout is a 401 here like any refusal (the key was not even checked)
        if (!(attempts.attempt(authentication.getName(), appKey, address, LoginAttempts.Via.BASIC) instanceof LoginAttempts.LoggedIn loggedIn)) {
            throw new BadCredentialsException("unknown app, wrong key or too many failures");
        }
        KnownApps.App app = loggedIn.app();
        return UsernamePasswordAuthenticationToken.authenticated(app.appId(), null,
                app.operator() ? List.of(new SimpleGrantedAuthority(TokenClaims.OPERATOR_AUTHORITY)) : List.of());
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
