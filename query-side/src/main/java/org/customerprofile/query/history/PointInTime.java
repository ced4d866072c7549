package org.customerprofile.query.history;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.customerprofile.web.error.InvalidParameter;
import org.customerprofile.web.request.WholeNumbers;

/** Which past state of a customer a read asks for: after its n-th event ({@code version}), or at an instant ({@code as_of}). */
record PointInTime(Long version, Instant asOf) {

    static final String VERSION = "version";
    static final String AS_OF = "as_of";

    /** Exactly one of the two must be given; every problem is added to {@code problems}. */
    static PointInTime parse(String version, String asOf, List<InvalidParameter> problems) {
        if (version != null && asOf != null) {
            problems.add(new InvalidParameter(VERSION, "cannot be combined with " + AS_OF));
            problems.add(new InvalidParameter(AS_OF, "cannot be combined with " + VERSION));
        }
        return new PointInTime(version == null ? null : version(version, problems), asOf == null ? null : instant(asOf, problems));
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

    private static Long version(String value, List<InvalidParameter> problems) {
        // given but blank is no version either: read as 0, refused like it
        long version = WholeNumbers.parse(VERSION, value.isBlank() ? "0" : value, 0, 1, Long.MAX_VALUE, problems);
        return version == 0 ? null : version;
    }

    private static Instant instant(String value, List<InvalidParameter> problems) {
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            problems.add(new InvalidParameter(AS_OF, "must be an ISO 8601 date-time with an offset, such as 2025-01-31T09:30:00Z"));
            return null;
        }
    }
}
