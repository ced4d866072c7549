package org.customerprofile.command;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The command side as a process of its own ({@code command-side-*-exec.jar}): validates writes, appends
 * events to PostgreSQL (owning the schema), runs the reference saga. Configured by {@code command-side.yml}.
 */
@SpringBootApplication(scanBasePackages = {"org.customerprofile.command", "org.customerprofile.web", "org.customerprofile.personal"})
public class CommandSideApplication {

    public static void main(String[] args) {
        // Axon reads these as system properties only; the service never calls out to the internet
        System.setProperty("axoniq.update-checker.disabled", System.getProperty("axoniq.update-checker.disabled", "true"));
        System.setProperty("disable-axoniq-console-message", "true");
        new SpringApplicationBuilder(CommandSideApplication.class).properties("spring.config.name=command-side").run(args);
    }
}
