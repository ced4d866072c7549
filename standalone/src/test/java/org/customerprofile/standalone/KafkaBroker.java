package org.customerprofile.standalone;

import ch.qos.logback.classic.Level;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka in KRaft mode (broker and controller in one) inside the test JVM, on ports
 * fixed at construction and a log directory kept across {@link #stop()} and {@link #start()}: a restart
 * keeps every acknowledged record and the bootstrap address. (spring-kafka-test's embedded KRaft
 * broker cannot restart in place: it deletes its directory on close and picks new ports.)
 */
public final class KafkaBroker implements AutoCloseable {

    private static final int NODE_ID = 1;

    private final Path logDir;
    private final int port = ServiceProcesses.freePort();
    private final int controllerPort = ServiceProcesses.freePort();
    private KafkaRaftServer server;

    public KafkaBroker(Path logDir) {
        this.logDir = logDir.toAbsolutePath();
        // Kafka's fatal-fault handlers halt the JVM: make them fail the test instead
        Exit.setExitProcedure((code, message) -> {
            throw new IllegalStateException("Kafka called exit(" + code + "): " + message);
        });
        Exit.setHaltProcedure((code, message) -> {
            throw new IllegalStateException("Kafka called halt(" + code + "): " + message);
        });
        for (String logger : List.of("kafka", "org.apache.kafka", "state.change.logger")) {
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(logger)).setLevel(Level.WARN);
        }
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    /** Starts, or restarts on the same data, and returns once the broker serves requests. */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            formatOnce();
            KafkaRaftServer started = new KafkaRaftServer(new KafkaConfig(config(), false), Time.SYSTEM);
            started.startup();
            server = started;
            awaitReady(Duration.ofSeconds(60));
        } catch (Exception e) {
            stop();
            throw new IllegalStateException("Kafka broker failed to start", e);
        }
    }

    /** A controlled shutdown, as an operator's restart: the data stays on disk. */
    public synchronized void stop() {
        if (server != null) {
            KafkaRaftServer running = server;
            server = null;
            running.shutdown();
            running.awaitShutdown();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private Map<String, Object> config() {
        Map<String, Object> config = new HashMap<>();
        config.put("process.roles", "broker,controller");
        config.put("node.id", Integer.toString(NODE_ID));
        config.put("controller.quorum.voters", NODE_ID + "@localhost:" + controllerPort);
        config.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        config.put("controller.listener.names", "CONTROLLER");
        config.put("log.dirs", logDir.toString());
        // one broker: internal topics cannot have the default three replicas
        config.put("offsets.topic.replication.factor", "1");
        config.put("offsets.topic.num.partitions", "1");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("group.initial.rebalance.delay.ms", "0");
        return config;
    }

    private void formatOnce() throws Exception {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        Files.createDirectories(logDir);
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(NODE_ID)
                .setClusterId(Uuid.randomUuid().toString())
                .setDirectories(List.of(logDir.toString()))
                .setMetadataLogDirectory(logDir.toString())
                .setControllerListenerName("CONTROLLER")
                .run();
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            while (true) {
                try {
                    // a broker is listed once it is registered and unfenced
                    if (!admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (InterruptedException e) {
                    throw e;
                } catch (Exception notYet) {
                    // still starting
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Kafka broker not ready after " + timeout);
                }
                Thread.sleep(50);
            }
        }
    }
}
