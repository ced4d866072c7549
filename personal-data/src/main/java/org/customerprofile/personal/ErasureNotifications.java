package org.customerprofile.personal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Every erasure, from whichever process, as PostgreSQL delivers it: {@link DataKeys#erase} sends a notification
 * on {@link #CHANNEL} in the erasure's transaction, PostgreSQL delivers it to every listening session when that
 * transaction commits, and this listener makes its process's {@link DataKeys} forget the customer. While it is not
 * listening (before its first {@code LISTEN}, or after losing its connection) it suspends the key cache, since
 * erasures would go unnoticed.
 */
public class ErasureNotifications implements SmartLifecycle {

    static final String CHANNEL = "customer_erased";
    private static final Logger log = LoggerFactory.getLogger(ErasureNotifications.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final DataSource dataSource;
    private final DataKeys keys;
    private volatile boolean running;
    private Thread listener;

    public ErasureNotifications(DataSource dataSource, DataKeys keys) {
        this.dataSource = dataSource;
        this.keys = keys;
    }

    @Override
    public synchronized void start() {
        keys.suspendCache();
        running = true;
        listener = new Thread(this::listen, "erasure-notifications");
        listener.setDaemon(true);
        listener.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (listener == null) {
            return;
        }
        try {
            listener.join(POLL.plus(RETRY).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        listener = null;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Started before the event processors and the web server, stopped after them. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }

    private void listen() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                keys.resumeCache();
                PGConnection postgres = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = postgres.getNotifications((int) POLL.toMillis());
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            keys.forget(UUID.fromString(notification.getParameter()));
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                log.warn("not receiving erasure notifications ({}); data keys are read uncached until they are back", e.toString());
            } finally {
                keys.suspendCache();
            }
            pause();
        }
    }

    private void pause() {
        try {
            Thread.sleep(running ? RETRY.toMillis() : 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
