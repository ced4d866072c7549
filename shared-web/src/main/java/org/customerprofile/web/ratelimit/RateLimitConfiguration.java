package org.customerprofile.web.ratelimit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Failed logins are counted in PostgreSQL (table {@code login_failure_bucket}, the command side's schema):
 * they are rare and decide who may guess keys, so every process must see the same count. API requests are
 * counted in memory: a database round trip per request would cost more than most requests.
 */
@Configuration
class RateLimitConfiguration implements SchedulingConfigurer {

    /** Rows whose bucket is full again are kept this much longer, then deleted. */
    private static final Duration KEEP_FULL_BUCKETS = Duration.ofSeconds(10);
    private static final int CLEANUP_BATCH = 1000;

    private final RateLimitsProperties properties;
    private final PostgreSQLSelectForUpdateBasedProxyManager<String> loginFailureBuckets;

    RateLimitConfiguration(RateLimitsProperties properties, DataSource dataSource) {
        this.properties = properties;
        this.loginFailureBuckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("login_failure_bucket")
                .idColumn("id")
                .stateColumn("state")
                .expiresAtColumn("expires_at")
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_FULL_BUCKETS))
                .build();
    }

    @Bean
    LoginFailures loginFailures() {
        return new LoginFailures((key, configuration) -> loginFailureBuckets.builder().build(key, () -> configuration), properties.login());
    }

    /** Right after Spring Security, which has then authenticated the app whose requests it counts. */
    @Bean
    FilterRegistrationBean<ApiRateLimitFilter> apiRateLimits(ObjectMapper objectMapper) {
        FilterRegistrationBean<ApiRateLimitFilter> registration = new FilterRegistrationBean<>(new ApiRateLimitFilter(properties.api(), objectMapper));
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
        return registration;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        Duration interval = properties.login().window();
        tasks.addFixedDelayTask(new FixedDelayTask(this::deleteFullBuckets, interval, interval));
    }

    private void deleteFullBuckets() {
        while (loginFailureBuckets.removeExpired(CLEANUP_BATCH) == CLEANUP_BATCH) {
            // a backlog: keep going until a batch comes back short
        }
    }
}
