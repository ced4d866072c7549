package org.customerprofile.web.error;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Whether a failure, read from its exception chain, says that a store (PostgreSQL or MongoDB) cannot be
 * reached right now: refused, timed out waiting for a pooled connection, shutting down. Such a request was
 * not applied and may be sent again, so it answers {@code 503}, not {@code 500}.
 */
public final class StoreUnreachable {

    /**
     * What HikariCP's proxy answers, without SQLState, once it has evicted a connection that failed with a
     * connection error: the next statement of the same transaction (seen when PostgreSQL stops mid-request).
     */
    private static final String HIKARI_CLOSED = "Connection is closed";

    private StoreUnreachable() {
    }

    public static boolean in(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof CannotCreateTransactionException || cause instanceof DataAccessResourceFailureException
                    || cause instanceof SQLTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql
                    && (sql.getSQLState() == null ? HIKARI_CLOSED.equals(sql.getMessage()) : connectionLost(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /** Class 08 (connection exception), and 57P01–57P03: the server is shutting down or not yet accepting connections. */
    private static boolean connectionLost(String sqlState) {
        return sqlState.startsWith("08") || sqlState.equals("57P01") || sqlState.equals("57P02") || sqlState.equals("57P03");
    }
}
