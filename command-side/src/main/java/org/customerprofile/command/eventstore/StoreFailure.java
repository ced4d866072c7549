package org.customerprofile.command.eventstore;

import java.sql.SQLException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.customerprofile.web.error.StoreUnreachable;

/**
 * What a failed write tells about the event store, read from the exception chain.
 *
 * <p>Axon 4.13's {@code JdbcEventStorageEngine} reports a duplicate (aggregate, sequence) as
 * {@link ConcurrencyException}, or {@link AggregateStreamCreationException} for an aggregate's first
 * event, only when its {@code PersistenceExceptionResolver} recognises the SQL error; the Spring Boot
 * default ({@code JdbcSQLErrorCodesResolver}) looks for {@code SQLIntegrityConstraintViolationException},
 * which the PostgreSQL driver never throws. So on PostgreSQL a lost race arrives as a plain
 * {@code EventStoreException} around a {@code BatchUpdateException} carrying SQLState 23505. Its message
 * says "Cannot reuse aggregate identifier" whenever an aggregate's first event fails, for any reason
 * (a trigger error reads the same), so the message proves nothing: the SQLState does.
 */
public enum StoreFailure {

    /** Another writer appended the same (aggregate, sequence) first: running the command again is safe. */
    LOST_RACE,
    /** The database cannot be reached (refused, pool timed out, shutting down): nothing was written. */
    UNREACHABLE,
    /** Anything else: a bug or a refusal, never retried. */
    OTHER;

    private static final String UNIQUE_VIOLATION = "23505";

    public static StoreFailure of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ConcurrencyException || cause instanceof AggregateStreamCreationException
                    || cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return LOST_RACE;
            }
        }
        return StoreUnreachable.in(failure) ? UNREACHABLE : OTHER;
    }
}
