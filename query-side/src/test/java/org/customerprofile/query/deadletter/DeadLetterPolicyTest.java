package org.customerprofile.query.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;

class DeadLetterPolicyTest {

    private final DeadLetterPolicy policy = new DeadLetterPolicy();
    private final EventMessage<?> event = new GenericDomainEventMessage<>("Customer", "c-1", 3, "payload");

    @Test
    void parksAnEventItsHandlerCannotApplyCountingTheAttempt() {
        DataIntegrityViolationException failure = new DataIntegrityViolationException("Cannot create field 'address'");

        EnqueueDecision<EventMessage<?>> decision = policy.decide(new GenericDeadLetter<>("c-1", event), failure);

        assertThat(decision.shouldEnqueue()).isTrue();
        assertThat(decision.enqueueCause()).hasValueSatisfying(cause -> assertThat(cause.getMessage()).contains("Cannot create field"));
        assertThat(decision.withDiagnostics(new GenericDeadLetter<>("c-1", event)).diagnostics()).containsEntry(DeadLetterPolicy.ATTEMPTS, 1);
    }

    @Test
    void countsEveryFailedRetry() {
        DeadLetter<EventMessage<?>> parked = new GenericDeadLetter<EventMessage<?>>("c-1", event)
                .withDiagnostics(diagnostics -> diagnostics.and(DeadLetterPolicy.ATTEMPTS, 2));

        EnqueueDecision<EventMessage<?>> decision = policy.decide(parked, new IllegalStateException("still broken"));

        assertThat(decision.shouldEnqueue()).isTrue();
        assertThat(decision.withDiagnostics(parked).diagnostics()).containsEntry(DeadLetterPolicy.ATTEMPTS, 3);
    }

    @Test
    void cutsALongCauseToWhatTheTableHolds() {
        EnqueueDecision<EventMessage<?>> decision = policy.decide(new GenericDeadLetter<>("c-1", event), new IllegalStateException("x".repeat(5000)));

        assertThat(decision.enqueueCause()).hasValueSatisfying(cause -> assertThat(cause.getMessage()).hasSizeLessThanOrEqualTo(1023));
    }

    @Test
    void rethrowsAnOutageOfTheReadStoreSoTheProcessorRetriesInsteadOfParkingEveryEvent() {
        DataAccessResourceFailureException unreachable = new DataAccessResourceFailureException("Timed out connecting to MongoDB");

        assertThatThrownBy(() -> policy.decide(new GenericDeadLetter<>("c-1", event), unreachable)).isSameAs(unreachable);
        assertThatThrownBy(() -> policy.decide(new GenericDeadLetter<>("c-1", event), new QueryTimeoutException("slow")))
                .isInstanceOf(QueryTimeoutException.class);
        assertThatThrownBy(() -> policy.decide(new GenericDeadLetter<>("c-1", event), new IllegalStateException("wrapped", unreachable)))
                .hasCause(unreachable);
    }
}
