package org.customerprofile.command;

import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Configuration;

/** Binds every {@code @ConfigurationProperties} record under {@code org.customerprofile.command} (see {@code SharedWebPropertiesScan}). */
@Configuration(proxyBeanMethods = false)
@ConfigurationPropertiesScan
public class CommandSidePropertiesScan {
}
