package org.customerprofile.web.security;

final class TokenClaims {

    static final String COMPANY_ID = "company_id";
    /** The fingerprint of the app key a token was issued with: the token is refused once that key is removed. */
    static final String APP_KEY_ID = "app_key_id";
    static final String ISSUER = "customer-profile-service";
    /** Space-separated scopes; Spring Security turns each into an authority {@code SCOPE_<scope>}. */
    static final String SCOPE = "scope";
    /** The scope of an operator app's token: it may call {@code /v1/operations/**}. */
    static final String OPERATOR_SCOPE = "operator";
    static final String OPERATOR_AUTHORITY = "SCOPE_" + OPERATOR_SCOPE;

    private TokenClaims() {
    }
}
