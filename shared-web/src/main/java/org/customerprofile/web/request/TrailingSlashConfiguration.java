package org.customerprofile.web.request;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.UrlHandlerFilter;

@Configuration
class TrailingSlashConfiguration {

    /** Real clients call {@code /v1/customers/} and {@code /v1/login/}: serve them as the paths without the slash. */
    @Bean
    FilterRegistrationBean<UrlHandlerFilter> trailingSlashes() {
        FilterRegistrationBean<UrlHandlerFilter> registration =
                new FilterRegistrationBean<>(UrlHandlerFilter.trailingSlashHandler("/v1/**").wrapRequest().build());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }
}
