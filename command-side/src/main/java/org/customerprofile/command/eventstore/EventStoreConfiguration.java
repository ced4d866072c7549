package org.customerprofile.command.eventstore;

import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The event store is Axon's JDBC engine on PostgreSQL (auto-configured from the DataSource; tables
 * owned by the Flyway migrations beside this module). Here: what every stored event must record.
 */
@Configuration
class EventStoreConfiguration {

    /** Copies the acting company, app and request id from each command onto the events it causes. */
    @Bean
    CorrelationDataProvider auditMetaData() {
        return new SimpleCorrelationDataProvider("companyId", "appId", "requestId");
    }
}
