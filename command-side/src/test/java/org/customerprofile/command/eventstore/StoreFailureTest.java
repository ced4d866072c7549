package org.customerprofile.command.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.Map;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.jdbc.JdbcException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcSQLErrorCodesResolver;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.DefaultTransactionDefinition;

/**
 * The chains are made by the code that makes them in the service: Axon's JDBC engine (with the resolver
 * Spring Boot configures) turning the driver's errors into its exceptions, and a Hikari pool, Spring's
 * transaction manager and JdbcTemplate failing against a port where no PostgreSQL listens.
 */
class StoreFailureTest {

    private static final GenericDomainEventMessage<Map<String, String>> FIRST_EVENT =
            new GenericDomainEventMessage<>("ReferenceClaim", "reference/company/ref", 0, Map.of("reference", "ref"));
    private static final GenericDomainEventMessage<Map<String, String>> LATER_EVENT =
            new GenericDomainEventMessage<>("Customer", "a-customer", 3, Map.of("first_name", "Ada"));

    static HikariDataSource nowhere;

    @BeforeAll
    static void poolWithoutDatabase() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:postgresql://127.0.0.1:1/customers");
        config.setUsername("postgres");
        config.setConnectionTimeout(250);
        config.setInitializationFailTimeout(-1);
        nowhere = new HikariDataSource(config);
    }

    @AfterAll
    static void closePool() {
        nowhere.close();
    }

    @Test
    void aDuplicateFirstEventOnPostgresIsALostRaceThoughAxonDoesNotRecogniseIt() {
        Throwable failure = appendFailing(new JdbcSQLErrorCodesResolver(), duplicateKey(), FIRST_EVENT);

        assertThat(failure).isExactlyInstanceOf(EventStoreException.class).hasMessageContaining("Cannot reuse aggregate identifier");
        assertThat(StoreFailure.of(failure)).isEqualTo(StoreFailure.LOST_RACE);
    }

    @Test
    void aDuplicateLaterEventOnPostgresIsALostRace() {
        Throwable failure = appendFailing(new JdbcSQLErrorCodesResolver(), duplicateKey(), LATER_EVENT);

        assertThat(failure).isExactlyInstanceOf(EventStoreException.class);
        assertThat(StoreFailure.of(failure)).isEqualTo(StoreFailure.LOST_RACE);
    }

    @Test
    void aDuplicateTheResolverRecognisesIsALostRace() {
        PersistenceExceptionResolver recognising = e -> true;

        assertThat(appendFailing(recognising, duplicateKey(), FIRST_EVENT)).isInstanceOf(AggregateStreamCreationException.class)
                .satisfies(failure -> assertThat(StoreFailure.of(failure)).isEqualTo(StoreFailure.LOST_RACE));
        assertThat(appendFailing(recognising, duplicateKey(), LATER_EVENT)).isInstanceOf(ConcurrencyException.class)
                .satisfies(failure -> assertThat(StoreFailure.of(failure)).isEqualTo(StoreFailure.LOST_RACE));
    }

    @Test
    void anyOtherErrorOfAFirstEventReadsLikeARaceButIsNot() {
        SQLException raised = new SQLException("ERROR: simulated crash while storing the customer", "P0001");
        Throwable failure = appendFailing(new JdbcSQLErrorCodesResolver(), batch("P0001", raised), FIRST_EVENT);

        assertThat(failure).hasMessageContaining("Cannot reuse aggregate identifier");
        assertThat(StoreFailure.of(failure)).isEqualTo(StoreFailure.OTHER);
    }

    @Test
    void aConnectionLostDuringTheAppendIsUnreachable() {
        PSQLException broken = new PSQLException("An I/O error occurred while sending to the backend.", PSQLState.CONNECTION_FAILURE);

        assertThat(StoreFailure.of(appendFailing(new JdbcSQLErrorCodesResolver(), batch(broken.getSQLState(), broken), LATER_EVENT)))
                .isEqualTo(StoreFailure.UNREACHABLE);
    }

    @Test
    void aServerShuttingDownIsUnreachable() {
        SQLException shutdown = new SQLException("FATAL: terminating connection due to administrator command", "57P01");

        assertThat(StoreFailure.of(appendFailing(new JdbcSQLErrorCodesResolver(), shutdown, LATER_EVENT))).isEqualTo(StoreFailure.UNREACHABLE);
    }

    @Test
    void aStatementOnAConnectionThePoolEvictedIsUnreachable() {
        // as seen when PostgreSQL stopped during a create: Axon's JDBC helper around HikariCP's closed proxy
        JdbcException failure = new JdbcException("Failed to create a SQL statement", new SQLException("Connection is closed"));

        assertThat(StoreFailure.of(failure)).isEqualTo(StoreFailure.UNREACHABLE);
        assertThat(StoreFailure.of(new JdbcException("Failed to create a SQL statement", new SQLException("syntax error"))))
                .isEqualTo(StoreFailure.OTHER);
    }

    @Test
    void noConnectionForTheEventStoreIsUnreachable() {
        JdbcEventStorageEngine engine = engine(new JdbcSQLErrorCodesResolver());

        Throwable failure = catchThrowable(() -> engine.appendEvents(LATER_EVENT));

        assertThat(failure).isExactlyInstanceOf(EventStoreException.class).hasMessageContaining("Failed to obtain a database connection");
        assertThat(StoreFailure.of(failure)).isEqualTo(StoreFailure.UNREACHABLE);
    }

    @Test
    void noConnectionForTheCommandsTransactionIsUnreachable() {
        Throwable failure = catchThrowable(() -> new DataSourceTransactionManager(nowhere).getTransaction(new DefaultTransactionDefinition()));

        assertThat(failure).hasMessageContaining("Could not open JDBC Connection");
        assertThat(StoreFailure.of(failure)).isEqualTo(StoreFailure.UNREACHABLE);
    }

    @Test
    void noConnectionForAQueryIsUnreachable() {
        Throwable failure = catchThrowable(() -> new JdbcTemplate(nowhere).queryForList("SELECT 1"));

        assertThat(failure).isNotNull();
        assertThat(StoreFailure.of(failure)).isEqualTo(StoreFailure.UNREACHABLE);
    }

    @Test
    void aDomainRefusalIsNeitherARaceNorAnOutage() {
        assertThat(StoreFailure.of(new IllegalArgumentException("not a customer field: nickname"))).isEqualTo(StoreFailure.OTHER);
    }

    /** As pgjdbc reports a failed statement of a batch: a BatchUpdateException with the statement's SQLState, caused by its error. */
    private static BatchUpdateException batch(String sqlState, SQLException error) {
        return new BatchUpdateException("Batch entry 0 INSERT INTO DomainEventEntry (...) was aborted: " + error.getMessage(),
                sqlState, 0, new int[0], error);
    }

    private static BatchUpdateException duplicateKey() {
        return batch("23505", new PSQLException("ERROR: duplicate key value violates unique constraint \"uk_aggregate_sequence\"",
                PSQLState.UNIQUE_VIOLATION));
    }

    private static Throwable appendFailing(PersistenceExceptionResolver resolver, SQLException error,
                                           GenericDomainEventMessage<?> event) {
        return catchThrowable(() -> engine(resolver).failToAppend(error, event));
    }

    private static Engine engine(PersistenceExceptionResolver resolver) {
        return new Engine(JdbcEventStorageEngine.builder()
                .connectionProvider(new DataSourceConnectionProvider(nowhere))
                .transactionManager(NoTransactionManager.INSTANCE)
                .persistenceExceptionResolver(resolver)
                .eventSerializer(JacksonSerializer.defaultSerializer())
                .snapshotSerializer(JacksonSerializer.defaultSerializer()));
    }

    /** Axon's engine, asked to report a failed append the way its appendEvents does. */
    private static final class Engine extends JdbcEventStorageEngine {

        Engine(Builder builder) {
            super(builder);
        }

        void failToAppend(SQLException error, GenericDomainEventMessage<?> event) {
            handlePersistenceException(error, event);
        }
    }
}
