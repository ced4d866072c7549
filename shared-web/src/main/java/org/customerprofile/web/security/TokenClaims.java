package org.customerprofile.web.security;

final class TokenClaims {

    static final String COMPANY_ID = "company_id";
    static final String ISSUER = "customer-profile-service";

    private TokenClaims() {
    }
}
