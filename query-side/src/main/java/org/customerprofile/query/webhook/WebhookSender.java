package org.customerprofile.query.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.customerprofile.api.published.CustomerEvent;
import org.customerprofile.query.feed.CustomerEventFeed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one leased delivery and records how it went. The body is made now, from the event store, so that
 * an erasure since the event was planned shows (its values null, the event marked erased). Each attempt is
 * signed anew with the time of sending; the ids stay the event's. Logs name webhooks and deliveries, never
 * an event's content.
 */
class WebhookSender {

    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);

    private final WebhookStore webhooks;
    private final DeliveryStore deliveries;
    private final CustomerEventFeed feed;
    private final WebhookTargets targets;
    private final HttpClient http;
    private final ObjectMapper json;
    private final WebhooksProperties properties;
    private final RetrySchedule retries;
    private final Clock clock;
    private final Map<String, Counter> outcomes;
    private final Timer latency;

    WebhookSender(WebhookStore webhooks, DeliveryStore deliveries, CustomerEventFeed feed, WebhookTargets targets, HttpClient http,
                  ObjectMapper json, WebhooksProperties properties, MeterRegistry meters, Clock clock) {
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.feed = feed;
        this.targets = targets;
        this.http = http;
        this.json = json;
        this.properties = properties;
        this.retries = RetrySchedule.of(properties.retry());
        this.clock = clock;
        this.outcomes = Map.of(
                Outcome.DELIVERED, outcome(meters, Outcome.DELIVERED),
                Outcome.FAILED, outcome(meters, Outcome.FAILED),
                Outcome.REFUSED, outcome(meters, Outcome.REFUSED),
                Outcome.GIVEN_UP, outcome(meters, Outcome.GIVEN_UP));
        this.latency = Timer.builder("customers.webhooks.delivery.latency")
                .description("from an event's commit to its endpoint's 2xx answer")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
    }

    /** The {@code outcome} tag of {@code customers.webhooks.deliveries}. */
    static final class Outcome {
        /** the endpoint answered 2xx */
        static final String DELIVERED = "delivered";
        /** an answer other than 2xx, or none in time: retried later */
        static final String FAILED = "failed";
        /** no request made: the target resolves to an address the service does not call */
        static final String REFUSED = "refused";
        /** the last attempt the retry max-age allowed failed */
        static final String GIVEN_UP = "given_up";

        private Outcome() {
        }
    }

    private static Counter outcome(MeterRegistry meters, String outcome) {
        return Counter.builder("customers.webhooks.deliveries").description("delivery attempts by outcome")
                .tag("outcome", outcome).register(meters);
    }

    /**
     * Sends {@code delivery}. A failure is recorded at once; a 2xx answer is handed back, to be recorded with
     * the rest of its batch ({@link #recordDelivered}). Empty when it failed or was not sent.
     */
    Optional<DeliveryStore.Answer> send(Delivery delivery) {
        // read per delivery, not per batch: a webhook deleted or pointed elsewhere meanwhile gets nothing more at its old URL
        Optional<WebhookStore.Target> found = webhooks.target(delivery.webhookId());
        if (found.isEmpty()) {
            return Optional.empty(); // deleted meanwhile, its deliveries with it
        }
        WebhookStore.Target target = found.get();
        Instant attemptedAt = clock.instant();
        Optional<String> refusal = targets.refusal(target.url());
        if (refusal.isPresent()) {
            failed(delivery, attemptedAt, null, "target refused: " + refusal.get(), Outcome.REFUSED);
            return Optional.empty();
        }
        Optional<CustomerEvent> event = feed.byId(delivery.eventId());
        if (event.isEmpty()) {
            failed(delivery, attemptedAt, null, "event not found in the event store", Outcome.FAILED);
            return Optional.empty();
        }
        WebhookMessage message = message(target, event.get());
        HttpRequest.Builder request = HttpRequest.newBuilder(target.url())
                .timeout(properties.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "customer-profile-webhooks/1")
                .POST(HttpRequest.BodyPublishers.ofString(message.body()));
        message.headers().forEach(request::header);
        try {
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                Instant answeredAt = clock.instant();
                outcomes.get(Outcome.DELIVERED).increment();
                latency.record(Duration.between(delivery.occurredAt(), answeredAt));
                return Optional.of(new DeliveryStore.Answer(delivery.deliveryId(), response.statusCode(), answeredAt));
            } else {
                failed(delivery, attemptedAt, response.statusCode(), null, Outcome.FAILED);
            }
        } catch (HttpTimeoutException e) {
            failed(delivery, attemptedAt, null, "no answer within " + properties.timeout().toMillis() + " ms", Outcome.FAILED);
        } catch (ConnectException e) {
            failed(delivery, attemptedAt, null, "connection failed", Outcome.FAILED);
        } catch (IOException e) {
            failed(delivery, attemptedAt, null, "request failed: " + e.getClass().getSimpleName(), Outcome.FAILED);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            // shutting down: the lease runs out and the delivery is sent again, by this process or another
        }
        return Optional.empty();
    }

    /** Records the 2xx answers of {@code webhook}'s deliveries: delivered, and the webhook no longer failing. */
    void recordDelivered(UUID webhook, List<DeliveryStore.Answer> answers) {
        if (!answers.isEmpty()) {
            deliveries.delivered(answers);
            webhooks.succeeded(webhook, answers.stream().map(DeliveryStore.Answer::answeredAt).max(Instant::compareTo).orElseThrow());
        }
    }

    private WebhookMessage message(WebhookStore.Target target, CustomerEvent event) {
        long timestamp = clock.instant().getEpochSecond();
        if (target.format() == WebhookFormat.ACQUIRED) {
            return WebhookMessage.acquired(event.eventId(), timestamp, event.companyId(), event.customerId(), target.secret());
        }
        try {
            return WebhookMessage.standard(json.writeValueAsString(event), event.eventId(), timestamp, target.secret());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write event " + event.eventId(), e);
        }
    }

    private void failed(Delivery delivery, Instant attemptedAt, Integer statusCode, String error, String outcome) {
        Duration wait = retries.after(delivery.attempts() + 1);
        Optional<DeliveryStore.Failure> failure = deliveries.failed(delivery.deliveryId(), statusCode, error, wait, attemptedAt);
        if (failure.isEmpty()) {
            return; // its webhook was deleted meanwhile
        }
        boolean givenUp = failure.get().givenUp();
        outcomes.get(outcome).increment();
        if (givenUp) {
            outcomes.get(Outcome.GIVEN_UP).increment();
        }
        if (webhooks.failed(delivery.webhookId(), properties.retry().maxAge().toSeconds(), attemptedAt,
                givenUp ? failure.get().firstAttemptAt() : null)) {
            log.warn("webhook {} disabled: every delivery failed for {}", delivery.webhookId(), properties.retry().maxAge());
        }
        log.debug("delivery {} of webhook {} failed (status {}, {}); {}", delivery.deliveryId(), delivery.webhookId(), statusCode, error,
                givenUp ? "given up" : "next attempt in " + wait);
    }
}
