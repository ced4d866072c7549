package org.customerprofile.query.customer;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;
import org.springframework.validation.annotation.Validated;

/**
 * {@code customers.read-model.*}: how the customer projection is run.
 *
 * @param volatileStore   true when the read store does not survive a restart (the standalone run's in-memory
 *                        MongoDB): the projection's tokens are kept in memory too, so the read model is
 *                        rebuilt from the event store at every start (filled in bulk before a tracking processor
 *                        starts, {@link CustomerReadModelFill})
 * @param processor       tracking, one processor per JVM woken by every append, or pooled, segments claimed in
 *                        the token store and shared by several query-side processes (query-side.yml sets it)
 * @param segments        how many segments a pooled processor starts with (fixed once it first writes its tokens)
 * @param batchSize       events handled per transaction while catching up
 * @param instanceTimeout how long a query side that stopped announcing itself still counts when the pooled
 *                        processor's segments are shared out
 * @param shareInterval   how often a query side announces itself and hands over segments beyond its fair share
 */
@ConfigurationProperties("customers.read-model")
@Validated
public record ReadModelProperties(
        @Name("volatile") @DefaultValue("false") boolean volatileStore, // "volatile" is a Java keyword
        @DefaultValue("tracking") @NotNull Processor processor,
        @DefaultValue("4") @Positive int segments,
        @DefaultValue("250") @Positive int batchSize,
        @DefaultValue("10s") @NotNull @DurationMin(seconds = 1) Duration instanceTimeout,
        @DefaultValue("2s") @NotNull @DurationMin(millis = 1) Duration shareInterval) {

    public enum Processor { TRACKING, POOLED }
}
