package org.customerprofile.query.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.customerprofile.api.customer.CustomerCreated;
import org.customerprofile.api.customer.CustomerErased;
import org.customerprofile.api.customer.CustomerUpdated;
import org.customerprofile.api.published.CustomerEvent;
import org.customerprofile.query.feed.PublishedEvents;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Sends every customer event, in the published shape, to the Kafka topic keyed by {@code customer_id}
 * (one partition per customer: its events stay in order). Its own tracking processor remembers how far
 * it got: a batch counts as done only when Kafka acknowledged every send of it, else the whole batch is
 * sent again later. A broker outage delays events, never loses them; consumers may see a re-sent event
 * twice and drop it by {@code event_id} (or by the customer's {@code sequence}).
 */
@ProcessingGroup(KafkaEventPublisher.PROCESSING_GROUP)
class KafkaEventPublisher {

    static final String PROCESSING_GROUP = "kafka-publisher";
    private static final String SENDS = KafkaEventPublisher.class.getName() + ".sends";

    private final KafkaTemplate<String, String> kafka;
    private final ObjectMapper json;
    private final String topic;

    KafkaEventPublisher(KafkaTemplate<String, String> kafka, ObjectMapper json, String topic) {
        this.kafka = kafka;
        this.json = json;
        this.topic = topic;
    }

    @EventHandler
    void on(CustomerCreated created, DomainEventMessage<CustomerCreated> event, TrackingToken position) {
        send(PublishedEvents.of(event, position.position().orElseThrow()));
    }

    @EventHandler
    void on(CustomerUpdated updated, DomainEventMessage<CustomerUpdated> event, TrackingToken position) {
        send(PublishedEvents.of(event, position.position().orElseThrow()));
    }

    @EventHandler
    void on(CustomerErased erased, DomainEventMessage<CustomerErased> event, TrackingToken position) {
        send(PublishedEvents.of(event, position.position().orElseThrow()));
    }

    private void send(CustomerEvent event) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, event.customerId(), asJson(event));
        record.headers().add("type", event.type().getBytes(StandardCharsets.UTF_8));
        record.headers().add("schema_version", Integer.toString(event.schemaVersion()).getBytes(StandardCharsets.UTF_8));
        sendsOfThisBatch().add(kafka.send(record));
    }

    /** The batch's sends, awaited once before its token moves on (the token is stored in the same commit). */
    private List<CompletableFuture<?>> sendsOfThisBatch() {
        UnitOfWork<?> batch = CurrentUnitOfWork.get();
        return batch.root().getOrComputeResource(SENDS, key -> {
            List<CompletableFuture<?>> sends = new ArrayList<>();
            batch.root().onPrepareCommit(done -> awaitAcknowledged(sends));
            return sends;
        });
    }

    private static void awaitAcknowledged(List<CompletableFuture<?>> sends) {
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka did not acknowledge every event of the batch; it will be sent again", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka; the batch will be sent again", e);
        }
    }

    private String asJson(CustomerEvent event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write event " + event.eventId(), e);
        }
    }
}
