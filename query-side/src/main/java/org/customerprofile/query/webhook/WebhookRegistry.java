package org.customerprofile.query.webhook;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/** Registering, changing and deleting a company's webhooks: the use cases behind {@code /v1/webhooks}. */
class WebhookRegistry {

    private final WebhookStore store;
    private final WebhookTargets targets;

    WebhookRegistry(WebhookStore store, WebhookTargets targets) {
        this.store = store;
        this.targets = targets;
    }

    /** What registering or changing a webhook came to. */
    sealed interface Outcome {
    }

    /** Registered; {@code secret} is shown this once. */
    record Registered(Webhook webhook, WebhookSecret secret) implements Outcome {
    }

    record Changed(Webhook webhook) implements Outcome {
    }

    /** The URL may not be called: {@code reason} says why without naming an address. */
    record TargetRefused(String reason) implements Outcome {
    }

    /** The company has no such webhook. */
    record NotFound() implements Outcome {
    }

    Outcome register(UUID companyId, WebhookRequest request) {
        Optional<String> refusal = targets.refusal(request.url());
        if (refusal.isPresent()) {
            return new TargetRefused(refusal.get());
        }
        WebhookSecret secret = request.secret() == null ? WebhookSecret.generate() : new WebhookSecret(request.secret());
        List<String> events = request.events() == null ? request.format().eventTypes().stream().sorted().toList() : request.events();
        Webhook webhook = store.create(companyId, request.url(), events, request.format(), request.description(),
                request.enabled() == null || request.enabled(), secret);
        return new Registered(webhook, secret);
    }

    /** Changes what the request names and keeps the rest. */
    Outcome change(UUID companyId, UUID webhookId, Function<WebhookFormat, WebhookRequest> read) {
        Optional<Webhook> found = store.find(companyId, webhookId);
        if (found.isEmpty()) {
            return new NotFound();
        }
        Webhook webhook = found.get();
        WebhookRequest request = read.apply(webhook.format());
        URI url = request.url() == null ? webhook.url() : request.url();
        if (request.url() != null) {
            Optional<String> refusal = targets.refusal(url);
            if (refusal.isPresent()) {
                return new TargetRefused(refusal.get());
            }
        }
        return store.update(companyId, webhookId, url, request.events() == null ? webhook.events() : request.events(),
                        request.description() == null ? webhook.description() : request.description(),
                        request.enabled() == null ? webhook.enabled() : request.enabled())
                .<Outcome>map(Changed::new)
                .orElseGet(NotFound::new);
    }

    Optional<Webhook> find(UUID companyId, UUID webhookId) {
        return store.find(companyId, webhookId);
    }

    List<Webhook> list(UUID companyId, int limit, int offset) {
        return store.list(companyId, limit, offset);
    }

    long count(UUID companyId) {
        return store.count(companyId);
    }

    boolean delete(UUID companyId, UUID webhookId) {
        return store.delete(companyId, webhookId);
    }
}
