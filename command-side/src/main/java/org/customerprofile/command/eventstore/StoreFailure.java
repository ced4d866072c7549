package org.customerprofile.command.eventstore;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.transaction.CannotCreateTransactionException;

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
    /**
     * What HikariCP's proxy answers, without SQLState, once it has evicted a connection that failed with a
     * connection error: the next statement of the same transaction (seen when PostgreSQL stops mid-request).
     */
    private static final String HIKARI_CLOSED = "Connection is closed";

    public static StoreFailure of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ConcurrencyException || cause instanceof AggregateStreamCreationException) {
                return LOST_RACE;
            }
            if (cause instanceof CannotCreateTransactionException || cause instanceof SQLTransientConnectionException) {
                return UNREACHABLE;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                if (sql.getSQLState().equals(UNIQUE_VIOLATION)) {
                    return LOST_RACE;
                }
                if (connectionLost(sql.getSQLState())) {
                    return UNREACHABLE;
                }
            }
            if (cause instanceof SQLException sql && sql.getSQLState() == null && HIKARI_CLOSED.equals(sql.getMessage())) {
                return UNREACHABLE;
            }
        }
        return OTHER;
    }

    /** Class 08 (connection exception), and 57P01–57P03: the server is shutting down or not yet accepting connections. */
    private static boolean connectionLost(String sqlState) {
        return sqlState.startsWith("08") || sqlState.equals("57P01") || sqlState.equals("57P02") || sqlState.equals("57P03");
    }
}
