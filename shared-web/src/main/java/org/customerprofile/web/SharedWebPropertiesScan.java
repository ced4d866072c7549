package org.customerprofile.web;

import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Configuration;

/**
 * Binds every {@code @ConfigurationProperties} record under {@code org.customerprofile.web}. Each module
 * has one such scan, and each subtree of {@code customers.*} is one record in the module that uses it,
 * {@code @Validated}, with its defaults as {@code @DefaultValue}s and a {@code @param} line per key (the
 * configuration processor makes that the key's description). A new subtree is a new record; the README's
 * configuration table must list its keys (checked against the generated metadata).
 */
@Configuration(proxyBeanMethods = false)
@ConfigurationPropertiesScan
public class SharedWebPropertiesScan {
}
