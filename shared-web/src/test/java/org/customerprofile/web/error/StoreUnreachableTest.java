package org.customerprofile.web.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.CannotCreateTransactionException;

class StoreUnreachableTest {

    @Test
    void aConnectionRefusedDeepInTheChainIsAnOutage() {
        SQLException refused = new SQLException("Connection to localhost:5432 refused", "08001");
        assertThat(StoreUnreachable.in(new IllegalStateException("wrapped", new RuntimeException(refused)))).isTrue();
    }

    @Test
    void aServerShuttingDownIsAnOutage() {
        assertThat(StoreUnreachable.in(new SQLException("terminating connection due to administrator command", "57P01"))).isTrue();
    }

    @Test
    void aPoolThatTimedOutIsAnOutage() {
        assertThat(StoreUnreachable.in(new CannotCreateTransactionException("no connection",
                new SQLTransientConnectionException("event-store - Connection is not available, request timed out after 3000ms.")))).isTrue();
    }

    @Test
    void aMongoServerOutOfReachIsAnOutage() {
        assertThat(StoreUnreachable.in(new DataAccessResourceFailureException("Timed out while waiting for a server"))).isTrue();
    }

    @Test
    void anEvictedHikariConnectionIsAnOutage() {
        assertThat(StoreUnreachable.in(new SQLException("Connection is closed"))).isTrue();
    }

    @Test
    void constraintViolationsAndBugsAreNot() {
        assertThat(StoreUnreachable.in(new DataIntegrityViolationException("duplicate",
                new SQLException("duplicate key value violates unique constraint", "23505")))).isFalse();
        assertThat(StoreUnreachable.in(new SQLException("syntax error", "42601"))).isFalse();
        assertThat(StoreUnreachable.in(new NullPointerException())).isFalse();
    }
}
