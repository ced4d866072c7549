package org.customerprofile.standalone;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.containers.MongoDBContainer;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * A real PostgreSQL and a real MongoDB (a single-member replica set) in containers, started once per
 * test JVM for the suites that rerun the HTTP tests against them. Only reached where Docker runs: the
 * suites using it are {@code @Testcontainers(disabledWithoutDocker = true)}.
 */
final class RealStores {

    private static final PostgreSQLContainer<?> POSTGRES = new PostgreSQLContainer<>("postgres:16-alpine");
    private static final MongoDBContainer MONGO = new MongoDBContainer("mongo:7.0");

    private RealStores() {
    }

    static void register(DynamicPropertyRegistry registry) {
        if (!POSTGRES.isRunning()) {
            POSTGRES.start();
            MONGO.start();
        }
        registry.add("customers.embedded", () -> "false");
        registry.add("customers.read-model.volatile", () -> "false");
        registry.add("spring.datasource.url", POSTGRES::getJdbcUrl);
        registry.add("spring.datasource.username", POSTGRES::getUsername);
        registry.add("spring.datasource.password", POSTGRES::getPassword);
        registry.add("spring.data.mongodb.uri", () -> MONGO.getReplicaSetUrl("customers"));
        registry.add("management.health.mongo.enabled", () -> "true");
    }
}
