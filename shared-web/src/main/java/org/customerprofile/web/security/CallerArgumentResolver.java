package org.customerprofile.web.security;

import java.util.UUID;
import org.customerprofile.web.error.ApiException;
import org.customerprofile.web.request.RequestIds;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Gives controllers a {@link Caller}; an optional {@code Company-Id} header must name the caller's company. */
class CallerArgumentResolver implements HandlerMethodArgumentResolver {

    static final String COMPANY_ID_HEADER = "Company-Id";

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Caller.class;
    }

    @Override
    public Caller resolveArgument(MethodParameter parameter, ModelAndViewContainer container, NativeWebRequest request,
                                  WebDataBinderFactory binderFactory) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof Jwt jwt)) {
            throw ApiException.unauthorized();
        }
        UUID companyId = UUID.fromString(jwt.getClaimAsString(TokenClaims.COMPANY_ID));
        String header = request.getHeader(COMPANY_ID_HEADER);
        if (header != null && !header.isBlank() && !header.strip().equalsIgnoreCase(companyId.toString())) {
            throw ApiException.forbidden(COMPANY_ID_HEADER, "does not name the company of the authenticated app");
        }
        return new Caller(companyId, jwt.getSubject(), RequestIds.current());
    }
}
