package org.customerprofile.standalone;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A real PostgreSQL started in-process, its data under {@code customers.data-dir}/postgres. It holds
 * the event store, the only durable copy of everything, so fsync and synchronous commit are on
 * (zonky turns both off by default).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "customers.embedded", havingValue = "true", matchIfMissing = true)
class EmbeddedPostgresConfiguration {

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(@Value("${customers.data-dir}") Path dataDir,
                                      @Value("${customers.postgres.durable:true}") boolean durable) throws IOException {
        Path directory = Files.createDirectories(dataDir.resolve("postgres"));
        String sync = durable ? "on" : "off";
        return EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(false)
                .setServerConfig("fsync", sync)
                .setServerConfig("synchronous_commit", sync)
                .setServerConfig("full_page_writes", sync)
                .start();
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedPostgres postgres, @Value("${customers.postgres.pool-size:16}") int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        config.setUsername("postgres");
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("event-store");
        return new HikariDataSource(config);
    }
}
