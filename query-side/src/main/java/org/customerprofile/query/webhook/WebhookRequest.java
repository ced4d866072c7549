package org.customerprofile.query.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.customerprofile.web.error.ApiException;
import org.customerprofile.web.error.InvalidParameter;

/**
 * A registration ({@code POST}) or a change ({@code PUT}) read from its JSON body, every problem reported
 * at once by member name. A change is whole for what it names and keeps the rest.
 *
 * @param url    the target, parsed (whether it may be called is {@link WebhookTargets}' question)
 * @param events the event types, {@code null} when not given
 * @param secret the secret the merchant chose, {@code null} when not given
 */
record WebhookRequest(URI url, List<String> events, WebhookFormat format, String secret, String description, Boolean enabled) {

    static final int MAX_DESCRIPTION = 500;
    private static final Set<String> REGISTRATION_FIELDS = Set.of("url", "events", "format", "secret", "description", "enabled");
    private static final Set<String> CHANGE_FIELDS = Set.of("url", "events", "description", "enabled");
    private static final Set<String> READ_ONLY = Set.of("webhook_id", "created", "last_updated", "disabled_reason");

    /** A {@code POST}: {@code url} required; {@code events} default to every type of the format, the format to standard. */
    static WebhookRequest registration(JsonNode body) {
        Reading reading = new Reading(body, REGISTRATION_FIELDS);
        URI url = reading.url(true);
        boolean formatGiven = body.hasNonNull("format");
        WebhookFormat format = reading.format();
        WebhookFormat effective = format == null ? WebhookFormat.STANDARD : format;
        List<String> events = reading.events(effective);
        String secret = reading.text("secret", WebhookSecret.MAX_LENGTH);
        // a secret is judged by the format it is for; a format that is itself wrong has been reported already
        if (secret != null && (format != null || !formatGiven)) {
            WebhookSecret.refusal(secret, effective).ifPresent(reason -> reading.problem("secret", reason));
        }
        String description = reading.text("description", MAX_DESCRIPTION);
        Boolean enabled = reading.bool("enabled");
        reading.done();
        return new WebhookRequest(url, events, format == null ? WebhookFormat.STANDARD : format, secret, description, enabled);
    }

    /** A {@code PUT}: {@code url}, {@code events}, {@code description}, {@code enabled}; the format and secret are fixed. */
    static WebhookRequest change(JsonNode body, WebhookFormat format) {
        Reading reading = new Reading(body, CHANGE_FIELDS);
        URI url = reading.url(false);
        List<String> events = reading.events(format);
        String description = reading.text("description", MAX_DESCRIPTION);
        Boolean enabled = reading.bool("enabled");
        reading.done();
        return new WebhookRequest(url, events, format, null, description, enabled);
    }

    /** One pass over a body, collecting problems. */
    private static final class Reading {

        private final JsonNode body;
        private final List<InvalidParameter> problems = new ArrayList<>();

        Reading(JsonNode body, Set<String> fields) {
            if (body == null || !body.isObject()) {
                throw ApiException.badRequest("the body must be a JSON object");
            }
            this.body = body;
            for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (READ_ONLY.contains(name) || (REGISTRATION_FIELDS.contains(name) && !fields.contains(name))) {
                    problem(name, "cannot be set");
                } else if (!fields.contains(name)) {
                    problem(name, "is not a field of a webhook");
                }
            }
        }

        void problem(String parameter, String reason) {
            problems.add(new InvalidParameter(parameter, reason));
        }

        URI url(boolean required) {
            JsonNode node = body.get("url");
            if (node == null || node.isNull()) {
                if (required) {
                    problem("url", "is required");
                }
                return null;
            }
            if (!node.isTextual()) {
                problem("url", "must be a string");
                return null;
            }
            WebhookTargets.Parsed parsed = WebhookTargets.parse(node.asText().strip());
            if (parsed.refusal() != null) {
                problem("url", parsed.refusal());
            }
            return parsed.uri();
        }

        WebhookFormat format() {
            JsonNode node = body.get("format");
            if (node == null || node.isNull()) {
                return null;
            }
            WebhookFormat format = node.isTextual() ? WebhookFormat.of(node.asText()).orElse(null) : null;
            if (format == null) {
                problem("format", "must be standard or acquired");
            }
            return format;
        }

        List<String> events(WebhookFormat format) {
            JsonNode node = body.get("events");
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isArray() || node.isEmpty()) {
                problem("events", "must be a non-empty array of event types");
                return null;
            }
            Set<String> events = new LinkedHashSet<>();
            for (int i = 0; i < node.size(); i++) {
                JsonNode type = node.get(i);
                if (!type.isTextual() || !WebhookFormat.STANDARD.eventTypes().contains(type.asText())) {
                    problem("events." + i, "must be customer.created, customer.updated or customer.erased");
                } else if (!format.eventTypes().contains(type.asText())) {
                    problem("events." + i, "the " + format.code() + " format delivers only " + String.join(", ", format.eventTypes()));
                } else {
                    events.add(type.asText());
                }
            }
            return List.copyOf(events);
        }

        String text(String name, int maxLength) {
            JsonNode node = body.get(name);
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isTextual()) {
                problem(name, "must be a string");
                return null;
            }
            if (node.asText().length() > maxLength) {
                problem(name, "must be at most " + maxLength + " characters");
            }
            return node.asText();
        }

        Boolean bool(String name) {
            JsonNode node = body.get(name);
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isBoolean()) {
                problem(name, "must be true or false");
                return null;
            }
            return node.asBoolean();
        }

        void done() {
            if (!problems.isEmpty()) {
                throw ApiException.invalid(problems);
            }
        }
    }
}
