package org.customerprofile.query.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.customerprofile.query.customer.PageLinks;
import org.customerprofile.query.customer.PageParameters;
import org.customerprofile.query.customer.CustomerView;
import org.customerprofile.web.error.ApiException;
import org.customerprofile.web.request.WholeNumber;
import org.customerprofile.web.security.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v1/webhooks}: a company's webhooks and their deliveries. Another company's webhook answers
 * {@code 404}, exactly like one that does not exist.
 */
@RestController
@Tag(name = "Webhooks")
@RequestMapping("/v1/webhooks")
class WebhookController {

    private static final String PATH = "/v1/webhooks";

    private final WebhookRegistry registry;
    private final DeliveryStore deliveries;
    private final WebhookDispatcher dispatcher;

    WebhookController(WebhookRegistry registry, DeliveryStore deliveries, WebhookDispatcher dispatcher) {
        this.registry = registry;
        this.deliveries = deliveries;
        this.dispatcher = dispatcher;
    }

    /** A webhook as the API shows it; {@code secret} only in the answer to its registration. */
    @JsonInclude(JsonInclude.Include.NON_ABSENT)
    record WebhookView(@JsonProperty("webhook_id") String webhookId,
                       String url,
                       List<String> events,
                       WebhookFormat format,
                       @JsonInclude(JsonInclude.Include.ALWAYS) String description,
                       boolean enabled,
                       @JsonProperty("disabled_reason") @JsonInclude(JsonInclude.Include.ALWAYS) String disabledReason,
                       String created,
                       @JsonProperty("last_updated") String lastUpdated,
                       Optional<String> secret) {

        static WebhookView of(Webhook webhook, Optional<String> secret) {
            return new WebhookView(webhook.webhookId().toString(), webhook.url().toString(), webhook.events(), webhook.format(),
                    webhook.description(), webhook.enabled(), webhook.disabledReason(), timestamp(webhook.created()),
                    timestamp(webhook.lastUpdated()), secret);
        }
    }

    record WebhookPage(PageLinks meta, List<WebhookView> data) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record DeliveryView(@JsonProperty("delivery_id") String deliveryId,
                        @JsonProperty("webhook_id") String webhookId,
                        @JsonProperty("event_id") String eventId,
                        @JsonProperty("event_type") String eventType,
                        @JsonProperty("customer_id") String customerId,
                        long sequence,
                        long position,
                        String status,
                        int attempts,
                        @JsonProperty("last_status_code") Integer lastStatusCode,
                        @JsonProperty("last_error") String lastError,
                        @JsonProperty("next_attempt_at") String nextAttemptAt,
                        @JsonProperty("delivered_at") String deliveredAt,
                        String created) {

        static DeliveryView of(Delivery delivery) {
            return new DeliveryView(delivery.deliveryId().toString(), delivery.webhookId().toString(), delivery.eventId(),
                    delivery.eventType(), delivery.customerId(), delivery.sequence(), delivery.eventPosition(), delivery.status(),
                    delivery.attempts(), delivery.lastStatusCode(), delivery.lastError(),
                    Delivery.PENDING.equals(delivery.status()) ? timestamp(delivery.nextAttemptAt()) : null,
                    timestamp(delivery.deliveredAt()), timestamp(delivery.created()));
        }
    }

    record DeliveryPage(PageLinks meta, List<DeliveryView> data) {
    }

    /** The registration body, for the OpenAPI document (the controller reads the JSON itself, to report every problem). */
    @Schema(name = "WebhookCreate")
    record RegistrationBody(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "https://merchant.example/hooks") String url,
                            @ArraySchema(schema = @Schema(allowableValues = {"customer.created", "customer.updated", "customer.erased"})) List<String> events,
                            @Schema(allowableValues = {"standard", "acquired"}, defaultValue = "standard") String format,
                            @Schema(description = "generated when absent; standard: whsec_ and base64 of 24-64 bytes; acquired: 32-128 characters",
                                    minLength = 32, maxLength = 128) String secret,
                            @Schema(maxLength = 500) String description,
                            @Schema(defaultValue = "true") Boolean enabled) {
    }

    /** The change body, for the OpenAPI document. */
    @Schema(name = "WebhookUpdate")
    record ChangeBody(String url,
                      @ArraySchema(schema = @Schema(allowableValues = {"customer.created", "customer.updated", "customer.erased"})) List<String> events, @Schema(maxLength = 500) String description, Boolean enabled) {
    }

    @Operation(summary = "Register a webhook", operationId = "createWebhook",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = RegistrationBody.class))))
    @ApiResponse(responseCode = "201", description = "Registered; the secret is shown in this answer only")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<WebhookView> create(@RequestBody JsonNode body, Caller caller) {
        WebhookRegistry.Outcome outcome = registry.register(caller.companyId(), WebhookRequest.registration(body));
        if (outcome instanceof WebhookRegistry.Registered registered) {
            return ResponseEntity.created(URI.create(PATH + "/" + registered.webhook().webhookId()))
                    .body(WebhookView.of(registered.webhook(), Optional.of(registered.secret().value())));
        }
        throw refusal(outcome);
    }

    @Operation(summary = "List the company's webhooks, newest first", operationId = "listWebhooks")
    @GetMapping
    WebhookPage list(@RequestParam(defaultValue = PageParameters.DEFAULT_LIMIT) @WholeNumber(min = 1, max = PageParameters.MAX_LIMIT) String limit,
                     @RequestParam(defaultValue = "0") @WholeNumber(max = Integer.MAX_VALUE) String offset,
                     Caller caller) {
        PageParameters window = PageParameters.of(limit, offset);
        long total = registry.count(caller.companyId());
        List<WebhookView> data = registry.list(caller.companyId(), window.limit(), window.offset()).stream()
                .map(webhook -> WebhookView.of(webhook, Optional.empty())).toList();
        return new WebhookPage(window.meta(PATH, null, Map.of(), data.size(), total), data);
    }

    @Operation(summary = "Retrieve a webhook", operationId = "retrieveWebhook")
    @GetMapping("/{webhookId}")
    WebhookView retrieve(@PathVariable String webhookId, Caller caller) {
        return registry.find(caller.companyId(), id(webhookId)).map(webhook -> WebhookView.of(webhook, Optional.empty()))
                .orElseThrow(ApiException::notFound);
    }

    @Operation(summary = "Change a webhook's url, events, description or enabled flag", operationId = "updateWebhook",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = ChangeBody.class))))
    @PutMapping(path = "/{webhookId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    WebhookView update(@PathVariable String webhookId, @RequestBody JsonNode body, Caller caller) {
        WebhookRegistry.Outcome outcome = registry.change(caller.companyId(), id(webhookId), format -> WebhookRequest.change(body, format));
        if (outcome instanceof WebhookRegistry.Changed changed) {
            dispatcher.wake(); // it may have been enabled again
            return WebhookView.of(changed.webhook(), Optional.empty());
        }
        throw refusal(outcome);
    }

    @Operation(summary = "Delete a webhook and its deliveries", operationId = "deleteWebhook")
    @DeleteMapping("/{webhookId}")
    Map<String, String> delete(@PathVariable String webhookId, Caller caller) {
        if (!registry.delete(caller.companyId(), id(webhookId))) {
            throw ApiException.notFound();
        }
        return Map.of("status", "success");
    }

    @Operation(summary = "A webhook's deliveries, newest first", operationId = "listWebhookDeliveries")
    @GetMapping("/{webhookId}/deliveries")
    DeliveryPage deliveries(@PathVariable String webhookId,
                            @RequestParam(defaultValue = PageParameters.DEFAULT_LIMIT) @WholeNumber(min = 1, max = PageParameters.MAX_LIMIT) String limit,
                            @RequestParam(defaultValue = "0") @WholeNumber(max = Integer.MAX_VALUE) String offset,
                            Caller caller) {
        Webhook webhook = registry.find(caller.companyId(), id(webhookId)).orElseThrow(ApiException::notFound);
        PageParameters window = PageParameters.of(limit, offset);
        long total = deliveries.count(webhook.webhookId());
        List<DeliveryView> data = deliveries.list(webhook.webhookId(), window.limit(), window.offset()).stream().map(DeliveryView::of).toList();
        return new DeliveryPage(window.meta(PATH + "/" + webhook.webhookId() + "/deliveries", null, Map.of(), data.size(), total), data);
    }

    @Operation(summary = "Try a delivery again now", operationId = "retryWebhookDelivery")
    @PostMapping("/{webhookId}/deliveries/{deliveryId}/retry")
    DeliveryView retry(@PathVariable String webhookId, @PathVariable String deliveryId, Caller caller) {
        Webhook webhook = registry.find(caller.companyId(), id(webhookId)).orElseThrow(ApiException::notFound);
        Delivery delivery = deliveries.retryNow(webhook.webhookId(), id(deliveryId)).orElseThrow(ApiException::notFound);
        dispatcher.wake();
        return DeliveryView.of(delivery);
    }

    private static ApiException refusal(WebhookRegistry.Outcome outcome) {
        if (outcome instanceof WebhookRegistry.TargetRefused refused) {
            return ApiException.invalid("url", refused.reason());
        }
        if (outcome instanceof WebhookRegistry.NotFound) {
            return ApiException.notFound();
        }
        throw new IllegalStateException("not a refusal: " + outcome);
    }

    /** A path id; anything but a UUID names nothing. */
    private static UUID id(String raw) {
        try {
            UUID id = UUID.fromString(raw);
            if (!id.toString().equalsIgnoreCase(raw)) {
                throw ApiException.notFound();
            }
            return id;
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound();
        }
    }

    private static String timestamp(Instant instant) {
        return instant == null ? null : CustomerView.timestamp(instant);
    }
}
