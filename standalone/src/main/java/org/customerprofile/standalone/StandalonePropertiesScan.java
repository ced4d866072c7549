package org.customerprofile.standalone;

import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Configuration;

/** Binds every {@code @ConfigurationProperties} record under {@code org.customerprofile.standalone} (see {@code SharedWebPropertiesScan}). */
@Configuration(proxyBeanMethods = false)
@ConfigurationPropertiesScan
public class StandalonePropertiesScan {
}
