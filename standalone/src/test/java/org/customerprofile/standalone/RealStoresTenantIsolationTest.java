package org.customerprofile.standalone;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.junit.jupiter.Testcontainers;

/** {@link TenantIsolationTest} against real PostgreSQL and MongoDB; skipped where Docker is not available. */
@Testcontainers(disabledWithoutDocker = true)
class RealStoresTenantIsolationTest extends TenantIsolationTest {

    @DynamicPropertySource
    static void realStores(DynamicPropertyRegistry registry) {
        RealStores.register(registry);
    }
}
