package org.customerprofile.query.history;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;

/** Which past state of a customer a read asks for: after its n-th event ({@code version}), or at an instant ({@code as_of}). */
record PointInTime(Long version, Instant asOf) {

    static final String VERSION = "version";
    static final String AS_OF = "as_of";

    static PointInTime atVersion(long version) {
        return new PointInTime(version, null);
    }

    static PointInTime at(Instant asOf) {
        return new PointInTime(null, asOf);
    }

    /**
     * The events that had happened by then, oldest first; empty when the customer did not exist yet or
     * has fewer events than {@code version}. Always a prefix of the history, so the state it folds to
     * is one the customer really had, even if clocks of two writers disagreed.
     */
    List<DomainEventMessage<?>> of(List<DomainEventMessage<?>> history) {
        if (version != null) {
            boolean reached = history.stream().anyMatch(event -> event.getSequenceNumber() + 1 == version);
            return reached ? history.stream().takeWhile(event -> event.getSequenceNumber() + 1 <= version).toList() : List.of();
        }
        // compared at the millisecond the API shows, so as_of = an event's occurred_at includes that event
        return history.stream().takeWhile(event -> !event.getTimestamp().truncatedTo(ChronoUnit.MILLIS).isAfter(asOf)).toList();
    }
}
