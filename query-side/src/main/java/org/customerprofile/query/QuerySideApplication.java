package org.customerprofile.query;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The query side as a process of its own ({@code query-side-*-exec.jar}): projects events into MongoDB
 * and serves the reads, the history, the event feed and the Kafka publisher. Several instances share the
 * projection's segments through the token store. Configured by {@code query-side.yml}.
 */
@SpringBootApplication(scanBasePackages = {"org.customerprofile.query", "org.customerprofile.web", "org.customerprofile.personal"})
@EnableScheduling
public class QuerySideApplication {

    public static void main(String[] args) {
        // Axon reads these as system properties only; the service never calls out to the internet
        System.setProperty("axoniq.update-checker.disabled", System.getProperty("axoniq.update-checker.disabled", "true"));
        System.setProperty("disable-axoniq-console-message", "true");
        new SpringApplicationBuilder(QuerySideApplication.class).properties("spring.config.name=query-side").run(args);
    }
}
