package org.customerprofile.query.kafka;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code customers.kafka.*}: publishing customer events to Kafka (the broker is spring.kafka.bootstrap-servers).
 *
 * @param enabled    whether this process publishes every customer event to Kafka
 * @param topic      the topic, keyed by customer_id; created if missing
 * @param partitions partitions of the topic when it is created
 * @param replicas   replicas of each partition when the topic is created
 * @param batchSize  events the publisher's processor handles per batch
 */
@ConfigurationProperties("customers.kafka")
@Validated
public record KafkaPublishingProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("customer-events") @NotBlank String topic,
        @DefaultValue("6") @Positive int partitions,
        @DefaultValue("1") @Positive short replicas,
        @DefaultValue("1000") @Positive int batchSize) {
}
