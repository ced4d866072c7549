package org.customerprofile.standalone;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code customers.embedded}, {@code customers.data-dir}, {@code customers.postgres.*}: the standalone run's
 * in-process stores.
 *
 * @param embedded whether to start the embedded PostgreSQL and the in-process MongoDB; false uses
 *                 spring.datasource.* and spring.data.mongodb.* instead
 * @param dataDir  where the embedded PostgreSQL keeps its data (in data-dir/postgres)
 * @param postgres the embedded PostgreSQL
 */
@ConfigurationProperties("customers")
@Validated
public record EmbeddedStoreProperties(
        @DefaultValue("true") boolean embedded,
        @DefaultValue("./data") @NotNull Path dataDir,
        @DefaultValue @Valid Postgres postgres) {

    /**
     * The embedded PostgreSQL.
     *
     * @param durable  fsync, synchronous_commit and full_page_writes on, so a crash loses no acknowledged
     *                 write; tests turn it off for speed
     * @param poolSize connections in the pool to it
     */
    public record Postgres(@DefaultValue("true") boolean durable, @DefaultValue("16") @Positive int poolSize) {
    }
}
