package org.customerprofile.standalone;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.junit.jupiter.Testcontainers;

/** {@link ReadYourWritesTest} against real PostgreSQL and MongoDB; skipped where Docker is not available. */
@Testcontainers(disabledWithoutDocker = true)
class RealStoresReadYourWritesTest extends ReadYourWritesTest {

    @DynamicPropertySource
    static void realStores(DynamicPropertyRegistry registry) {
        RealStores.register(registry);
    }
}
