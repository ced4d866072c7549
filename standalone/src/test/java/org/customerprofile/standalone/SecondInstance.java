package org.customerprofile.standalone;

import de.bwaldvogel.mongo.MongoServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.stream.Stream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Another instance of the service sharing the test context's event store and read store: two command
 * sides racing on one PostgreSQL, each with its own Axon locks, so only the event store arbitrates.
 */
final class SecondInstance implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    /** @param arguments more configuration, such as another list of apps */
    SecondInstance(EmbeddedPostgres postgres, MongoServer mongo, String... arguments) {
        context = new SpringApplicationBuilder(StandaloneApplication.class)
                .profiles("test")
                .run(Stream.concat(Stream.of("--server.port=0",
                        "--customers.embedded=false",
                        "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                        "--spring.datasource.username=postgres",
                        "--spring.data.mongodb.uri=mongodb://127.0.0.1:" + mongo.getLocalAddress().getPort() + "/customers",
                        "--management.health.mongo.enabled=false"), Stream.of(arguments)).toArray(String[]::new));
    }

    int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    @Override
    public void close() {
        context.close();
    }
}
