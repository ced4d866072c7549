package org.customerprofile.web.request;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;

@Configuration
class StrictRequestConfiguration {

    /** After the request id (so refusals carry it), before security and everything that reads a body. */
    @Bean
    FilterRegistrationBean<StrictRequestFilter> strictRequests(RequestLimitsProperties limits, ObjectMapper objectMapper) {
        FilterRegistrationBean<StrictRequestFilter> registration =
                new FilterRegistrationBean<>(new StrictRequestFilter(limits, objectMapper));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    /**
     * Spring Security's firewall, except that a method it does not know ({@code CONNECT}, {@code FOO}) is
     * let through, for Spring MVC to answer {@code 405} as for any method a resource does not support.
     */
    @Bean
    HttpFirewall httpFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setUnsafeAllowAnyHttpMethod(true);
        return firewall;
    }
}
