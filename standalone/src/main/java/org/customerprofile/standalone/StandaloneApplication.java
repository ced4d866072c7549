package org.customerprofile.standalone;

import org.customerprofile.command.CommandSideApplication;
import org.customerprofile.query.QuerySideApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/** Both sides of the service in one JVM, on embedded PostgreSQL and an in-process MongoDB wire server. */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan(basePackages = "org.customerprofile", excludeFilters = {
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class),
        // each side's own application: composed here into one
        @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = {CommandSideApplication.class, QuerySideApplication.class})})
public class StandaloneApplication {

    public static void main(String[] args) {
        // Axon reads these as system properties only; the service never calls out to the internet
        System.setProperty("axoniq.update-checker.disabled", System.getProperty("axoniq.update-checker.disabled", "true"));
        System.setProperty("disable-axoniq-console-message", "true");
        SpringApplication.run(StandaloneApplication.class, args);
    }
}
