package org.customerprofile.standalone;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Both sides of the service in one JVM, on embedded PostgreSQL and an in-process MongoDB wire server. */
@SpringBootApplication(scanBasePackages = "org.customerprofile")
public class StandaloneApplication {

    public static void main(String[] args) {
        // Axon reads these as system properties only; the service never calls out to the internet
        System.setProperty("axoniq.update-checker.disabled", System.getProperty("axoniq.update-checker.disabled", "true"));
        System.setProperty("disable-axoniq-console-message", "true");
        SpringApplication.run(StandaloneApplication.class, args);
    }
}
