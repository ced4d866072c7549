package org.customerprofile.command.consistency;

import org.axonframework.config.Configuration;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/** The {@link ReadYourWrites} that {@code customers.consistency.source} names. */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
class ReadYourWritesConfiguration {

    @Bean
    ReadYourWrites readYourWrites(ConsistencyProperties properties, QueryGateway queries, JdbcTemplate jdbc, Configuration axon) {
        return switch (properties.source()) {
            case QUERY_BUS -> new ReadModelSubscription(queries, properties.maxWait());
            case TOKEN_STORE -> new ProjectionTokens(jdbc, axon, properties.processor(), properties.maxWait());
        };
    }
}
