package org.customerprofile.command.consistency;

import org.axonframework.config.Configuration;
import org.customerprofile.api.customer.ReadableVersions;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/** The {@link ReadYourWrites} that {@code customers.consistency.source} names. */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
class ReadYourWritesConfiguration {

    @Bean
    ReadYourWrites readYourWrites(ConsistencyProperties properties, ObjectProvider<ReadableVersions> versions, JdbcTemplate jdbc,
                                  Configuration axon) {
        return switch (properties.source()) {
            case IN_PROCESS -> new ProjectionInThisProcess(versions.getIfAvailable(() -> {
                throw new IllegalStateException("customers.consistency.source=in-process needs the projection in this process; "
                        + "a command side of its own watches the read model with token-store");
            }), properties.maxWait());
            case TOKEN_STORE -> new ProjectionTokens(jdbc, axon, properties.processor(), properties.maxWait());
        };
    }
}
