package org.customerprofile.command.eventstore;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.customerprofile.command.reference.ReferenceSaga;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The event store is Axon's JDBC engine on PostgreSQL (auto-configured from the DataSource; tables
 * owned by the Flyway migrations beside this module). Here: what every stored event records.
 */
@Configuration
@EnableScheduling
class EventStoreConfiguration {

    /** Copies the acting company, app and request id from each command onto the events it causes. */
    @Bean
    CorrelationDataProvider auditMetaData() {
        return new SimpleCorrelationDataProvider("companyId", "appId", "requestId");
    }

    /** The reference saga must never skip an event: a failed release is retried, not logged and dropped. */
    @Bean
    ConfigurerModule referenceSagaErrorHandling() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(ReferenceSaga.PROCESSING_GROUP, config -> PropagatingErrorHandler.instance());
    }
}
