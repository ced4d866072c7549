package org.customerprofile.query.deadletter;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.customerprofile.web.request.WholeNumber;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /v1/operations/dead-letters}: what the customer projection could not apply, and a way to apply
 * it again once the cause is fixed. Operators only (tokens of apps configured {@code operator: true}): a
 * letter shows any company's customer id and event.
 */
@RestController
@Tag(name = "Operations")
@RequestMapping("/v1/operations/dead-letters")
class DeadLetterController {

    static final String DEFAULT_LIMIT = "100";
    static final long MAX_LIMIT = 1000;

    private final DeadLetters deadLetters;

    DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    record DeadLetterPage(@JsonProperty("processing_group") String processingGroup,
                long total,
                long sequences,
                List<Letter> letters) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Letter(@JsonProperty("sequence_identifier") String sequenceIdentifier,
                  @JsonProperty("sequence_index") Long sequenceIndex,
                  @JsonProperty("event_identifier") String eventIdentifier,
                  @JsonProperty("event_type") String eventType,
                  @JsonProperty("customer_id") String customerId,
                  Long sequence,
                  @JsonProperty("event_timestamp") Instant eventTimestamp,
                  @JsonProperty("cause_type") String causeType,
                  @JsonProperty("cause_message") String causeMessage,
                  @JsonProperty("enqueued_at") Instant enqueuedAt,
                  @JsonProperty("last_touched") Instant lastTouched,
                  Map<String, ?> diagnostics) {

        static Letter of(DeadLetter<? extends EventMessage<?>> letter) {
            EventMessage<?> event = letter.message();
            DomainEventMessage<?> domainEvent = event instanceof DomainEventMessage<?> domain ? domain : null;
            Cause cause = letter.cause().orElse(null);
            return new Letter(
                    DeadLetters.sequenceOf(letter),
                    letter instanceof JdbcDeadLetter<?> jdbc ? jdbc.getSequenceIndex() : null,
                    event.getIdentifier(),
                    event.getPayloadType().getName(),
                    domainEvent == null ? null : domainEvent.getAggregateIdentifier(),
                    domainEvent == null ? null : domainEvent.getSequenceNumber(),
                    event.getTimestamp(),
                    cause == null ? null : cause.type(),
                    cause == null ? null : cause.message(),
                    letter.enqueuedAt(),
                    letter.lastTouched(),
                    letter.diagnostics());
        }
    }

    record Retried(@JsonProperty("processing_group") String processingGroup, long succeeded, long remaining) {
    }

    /** The waiting letters, sequence by sequence; {@code limit} (1–1000, default 100) caps {@code letters}, not {@code total}. */
    @Operation(operationId = "listDeadLetters")
    @GetMapping
    DeadLetterPage list(@RequestParam(defaultValue = DEFAULT_LIMIT) @WholeNumber(min = 1, max = MAX_LIMIT) String limit) {
        List<Letter> letters = deadLetters.list(Integer.parseInt(limit)).stream().map(Letter::of).toList();
        return new DeadLetterPage(deadLetters.processingGroup(), deadLetters.size(), deadLetters.sequences(), letters);
    }

    /** Handles every waiting sequence again; answers how many letters succeeded (and are gone) and how many still wait. */
    @PostMapping("/retry")
    Retried retry() {
        DeadLetters.Retry retry = deadLetters.retry();
        return new Retried(deadLetters.processingGroup(), retry.succeeded(), retry.remaining());
    }
}
