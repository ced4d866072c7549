package org.customerprofile.query.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import java.time.Clock;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.customerprofile.personal.MasterKey;
import org.customerprofile.query.feed.CustomerEventFeed;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.jdbc.core.JdbcTemplate;

/** Webhooks: their registrations, the processor that plans deliveries, and the dispatcher that sends them. */
@Configuration(proxyBeanMethods = false)
class WebhookConfiguration {

    @Bean
    WebhookStore webhookStore(JdbcTemplate jdbc, MasterKey masterKey) {
        return new WebhookStore(jdbc, new WebhookSecrets(masterKey));
    }

    @Bean
    DeliveryStore deliveryStore(JdbcTemplate jdbc) {
        return new DeliveryStore(jdbc);
    }

    /** The prod profile calls https endpoints only: a delivery's body and signature never cross a network in clear. */
    @Bean
    WebhookTargets webhookTargets(WebhooksProperties properties, Environment environment) {
        return WebhookTargets.resolvingWithDns(properties.allowPrivateTargets(), environment.acceptsProfiles(Profiles.of("prod")));
    }

    @Bean
    WebhookRegistry webhookRegistry(WebhookStore store, WebhookTargets targets) {
        return new WebhookRegistry(store, targets);
    }

    @Bean
    WebhookDispatcher webhookDispatcher(DeliveryStore deliveries, WebhookStore webhooks, CustomerEventFeed feed, WebhookTargets targets,
                                        ObjectMapper json, WebhooksProperties properties, MeterRegistry meters) {
        // redirects are never followed: a 3xx is a failed attempt, and no request goes to a target nobody checked
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(properties.timeout())
                .build();
        WebhookSender sender = new WebhookSender(webhooks, deliveries, feed, targets, http, json, properties, meters, Clock.systemUTC());
        return new WebhookDispatcher(deliveries, sender, properties);
    }

    @Bean
    WebhookDeliveryPlanner webhookDeliveryPlanner(DeliveryStore deliveries, WebhookDispatcher dispatcher, WebhooksProperties properties) {
        return new WebhookDeliveryPlanner(deliveries, dispatcher, properties.retry().maxAge());
    }

    /**
     * The planner's own tracking processor, its token in the event store's database next to the deliveries it
     * writes (one transaction): a restart resumes where it stopped. It starts at the head of the store when it
     * first runs, since a webhook takes only events after its registration. An error stops it and retries
     * rather than skipping an event.
     */
    @Bean
    ConfigurerModule webhookDeliveryProcessor(WebhooksProperties properties) {
        int batchSize = properties.batchSize();
        return configurer -> configurer.eventProcessing()
                .registerTrackingEventProcessor(WebhookDeliveryPlanner.PROCESSING_GROUP, axon -> axon.eventStore(),
                        config -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(batchSize)
                                .andInitialTrackingToken(StreamableMessageSource::createHeadToken))
                .registerListenerInvocationErrorHandler(WebhookDeliveryPlanner.PROCESSING_GROUP, config -> PropagatingErrorHandler.instance());
    }
}
