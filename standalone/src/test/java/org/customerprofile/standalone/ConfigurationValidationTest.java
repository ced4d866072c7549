package org.customerprofile.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.customerprofile.command.CommandSidePropertiesScan;
import org.customerprofile.command.consistency.ConsistencyProperties;
import org.customerprofile.command.idempotency.IdempotencyProperties;
import org.customerprofile.query.QuerySidePropertiesScan;
import org.customerprofile.query.customer.ReadModelProperties;
import org.customerprofile.query.kafka.KafkaPublishingProperties;
import org.customerprofile.web.SharedWebPropertiesScan;
import org.customerprofile.web.request.ApiProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The whole configuration tree, bound as each process binds it (its YAML, then arguments) but without the
 * rest of the service: the defaults apply, and a bad value stops the start with a report naming the key.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConfigurationValidationTest {

    @Configuration(proxyBeanMethods = false)
    @Import({SharedWebPropertiesScan.class, CommandSidePropertiesScan.class, QuerySidePropertiesScan.class, StandalonePropertiesScan.class})
    static class EveryRecord {
    }

    @Test
    void theDefaultsApplyWhereNothingIsConfigured() {
        try (ConfigurableApplicationContext context = start("--spring.config.name=no-such-file")) {
            assertThat(context.getBean(ApiProperties.class).unknownFields()).isEqualTo(ApiProperties.UnknownFields.IGNORE);
            assertThat(context.getBean(ConsistencyProperties.class).maxWait()).isEqualTo(Duration.ofSeconds(5));
            assertThat(context.getBean(ConsistencyProperties.class).source()).isEqualTo(ConsistencyProperties.Source.IN_PROCESS);
            assertThat(context.getBean(IdempotencyProperties.class).retention()).isEqualTo(Duration.ofHours(24));
            assertThat(context.getBean(ReadModelProperties.class).volatileStore()).isFalse();
            assertThat(context.getBean(KafkaPublishingProperties.class).topic()).isEqualTo("customer-events");
            assertThat(context.getBean(EmbeddedStoreProperties.class).dataDir().toAbsolutePath()).isEqualTo(Path.of("data").toAbsolutePath());
            assertThat(context.getBean(EmbeddedStoreProperties.class).postgres().poolSize()).isEqualTo(16);
        }
    }

    @Test
    void eachProcessChangesOnlyWhatItsYamlSays() {
        try (ConfigurableApplicationContext standalone = start()) {
            assertThat(standalone.getBean(ReadModelProperties.class).volatileStore()).isTrue();
            assertThat(standalone.getBean(ConsistencyProperties.class).source()).isEqualTo(ConsistencyProperties.Source.IN_PROCESS);
        }
        try (ConfigurableApplicationContext commandSide = start("--spring.config.name=command-side")) {
            assertThat(commandSide.getBean(ConsistencyProperties.class).source()).isEqualTo(ConsistencyProperties.Source.TOKEN_STORE);
        }
        try (ConfigurableApplicationContext querySide = start("--spring.config.name=query-side")) {
            assertThat(querySide.getBean(ReadModelProperties.class).processor()).isEqualTo(ReadModelProperties.Processor.POOLED);
            assertThat(querySide.getBean(ReadModelProperties.class).volatileStore()).isFalse();
        }
    }

    @ParameterizedTest
    @CsvSource({
            "customers.idempotency.retention=-1s,            customers.idempotency.retention",
            "customers.kafka.partitions=0,                   customers.kafka.partitions",
            "customers.read-model.segments=-4,               customers.read-model.segments",
            "customers.consistency.wait=-1s,                 customers.consistency.wait",
            "customers.consistency.source=kafka,             customers.consistency.source",
            "customers.api.unknown-fields=maybe,             customers.api.unknown-fields",
            "customers.postgres.pool-size=0,                 customers.postgres.pool-size",
            "customers.rate-limits.api.capacity=0,           customers.rate-limits.api.capacity",
            "customers.rate-limits.login.window=0s,          customers.rate-limits.login.window",
            "customers.events.stream-poll-interval=soon,     customers.events.stream-poll-interval",
            "customers.events.feed-cache-size=-1MB,          customers.events.feed-cache-size",
            "customers.security.apps[0].app-id=app00001,     customers.security.apps[0].company-id"})
    void aBadValueStopsTheStartNamingTheKey(String argument, String key, CapturedOutput output) {
        assertThatThrownBy(() -> start("--" + argument).close()).isInstanceOf(RuntimeException.class);

        assertThat(reportedProperties(output)).as("the start-up failure report names " + key)
                .anyMatch(reported -> reported.equals(ConfigurationPropertyName.of(key)));
    }

    /**
     * The keys the failure report names: its "Property:" lines (Spring Boot writes a violated key in the
     * Java field's relaxed form, customers.postgres.poolSize for customers.postgres.pool-size) and any key a
     * message names.
     */
    private static List<ConfigurationPropertyName> reportedProperties(CapturedOutput output) {
        String report = output.getOut().substring(output.getOut().lastIndexOf("APPLICATION FAILED TO START"));
        return Pattern.compile("\\bcustomers\\.[\\w.\\[\\]-]*[\\w\\]]").matcher(report).results()
                .map(match -> ConfigurationPropertyName.adapt(match.group(), '.')).toList();
    }

    private static ConfigurableApplicationContext start(String... arguments) {
        return new SpringApplicationBuilder(EveryRecord.class).web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false).run(arguments);
    }
}
