package org.customerprofile.query.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.NewTopic;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.LoggingProducerListener;

/**
 * Customer events to Kafka, when {@code customers.kafka.enabled=true}: the broker is Spring Boot's
 * {@code spring.kafka.bootstrap-servers}, the topic {@code customers.kafka.topic} (created if missing).
 */
@Configuration
@ConditionalOnProperty(name = "customers.kafka.enabled", havingValue = "true")
class KafkaPublishingConfiguration {

    @Bean
    KafkaEventPublisher kafkaEventPublisher(KafkaTemplate<String, String> kafka, ObjectMapper json,
                                            KafkaPublishingProperties properties) {
        return new KafkaEventPublisher(kafka, json, properties.topic());
    }

    @Bean
    NewTopic customerEventsTopic(KafkaPublishingProperties properties) {
        return TopicBuilder.name(properties.topic()).partitions(properties.partitions()).replicas(properties.replicas()).build();
    }

    /** Spring Kafka logs a failed send with its payload by default: customers' personal data has no place in logs. */
    @Bean
    LoggingProducerListener<Object, Object> kafkaProducerListener() {
        LoggingProducerListener<Object, Object> listener = new LoggingProducerListener<>();
        listener.setIncludeContents(false);
        return listener;
    }

    /**
     * A tracking processor of its own, its token in the event store's database: it resumes where Kafka
     * last acknowledged, and an error (Kafka unreachable) stops it and retries with back-off instead of
     * skipping the event, which Axon's default handler would do.
     */
    @Bean
    ConfigurerModule kafkaPublisherProcessor(KafkaPublishingProperties properties) {
        int batchSize = properties.batchSize();
        return configurer -> configurer.eventProcessing()
                .registerTrackingEventProcessor(KafkaEventPublisher.PROCESSING_GROUP, axon -> axon.eventStore(),
                        config -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing().andBatchSize(batchSize))
                .registerListenerInvocationErrorHandler(KafkaEventPublisher.PROCESSING_GROUP, config -> PropagatingErrorHandler.instance());
    }
}
