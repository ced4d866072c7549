package org.customerprofile.query.customer;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code customers.rebuild.*}: the operator's read-model rebuild (POST /v1/operations/read-model/rebuild), and the
 * fill of a volatile read model at start-up, which copies the event store the same way ({@link CustomerBulkCopy}).
 *
 * @param batchSize events read from the event store per query, and written per bulk operation
 */
@ConfigurationProperties("customers.rebuild")
@Validated
public record RebuildProperties(@DefaultValue("2000") @Positive int batchSize) {
}
