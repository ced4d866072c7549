package org.customerprofile.query;

import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Configuration;

/** Binds every {@code @ConfigurationProperties} record under {@code org.customerprofile.query} (see {@code SharedWebPropertiesScan}). */
@Configuration(proxyBeanMethods = false)
@ConfigurationPropertiesScan
public class QuerySidePropertiesScan {
}
