package org.customerprofile.query.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.customerprofile.api.customer.CustomerCreated;
import org.customerprofile.api.customer.CustomerField;
import org.customerprofile.api.customer.Profile;
import org.customerprofile.standalone.StandaloneApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The bulk copy (start-up fill, operator's rebuild) over a stretch of the event store left without events — positions
 * of rolled-back appends. Axon's reader gives each event a token holding every gap of the last 10,000 positions; a
 * batch of 2,000 of them took more than a 512 MB heap at start-up. The copy hands the projection those gaps once.
 */
class BulkCopyOverGapsTest {

    private static final UUID COMPANY = UUID.fromString("11111111-1111-4111-8111-111111111111");
    private static final int ROLLED_BACK = 8_000;
    private static final int CUSTOMERS = 2_000;

    @TempDir
    Path dataDir;

    @Test
    void copiesPastThousandsOfGapsInBoundedMemoryAndHandsThemOn() {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(StandaloneApplication.class).profiles("test")
                .run("--server.port=0", "--customers.data-dir=" + dataDir)) {
            JdbcTemplate jdbc = new JdbcTemplate(app.getBean(DataSource.class));
            long first = jdbc.queryForObject("SELECT max(n) FROM (SELECT nextval(pg_get_serial_sequence('domainevententry', 'globalindex')) n "
                    + "FROM generate_series(1, ?)) burned", Long.class, ROLLED_BACK) - ROLLED_BACK + 1;
            EventStorageEngine store = app.getBean(EventStorageEngine.class);
            for (int batch = 0; batch < CUSTOMERS / 200; batch++) {
                List<DomainEventMessage<?>> created = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    UUID id = UUID.randomUUID();
                    created.add(new GenericDomainEventMessage<>("Customer", id.toString(), 0,
                            new CustomerCreated(id, COMPANY, new Profile(Map.of(CustomerField.FIRST_NAME, "Ada"))),
                            MetaData.with("companyId", COMPANY.toString())));
                }
                store.appendEvents(created);
            }

            long allocatedBefore = allocatedByThisThread();
            CustomerBulkCopy.Reached reached = app.getBean(CustomerBulkCopy.class)
                    .copy(null, "customers_over_gaps", CustomerBulkCopy.UpdateWithoutDocument.STOP, writes -> { });
            long allocated = allocatedByThisThread() - allocatedBefore;

            assertThat(reached.events()).isEqualTo(CUSTOMERS);
            GapAwareTrackingToken position = (GapAwareTrackingToken) reached.position();
            assertThat(position.getIndex()).isEqualTo(first + ROLLED_BACK + CUSTOMERS - 1);
            assertThat(position.getGaps()).as("the rolled-back positions, open for an append committed late into one")
                    .hasSize(ROLLED_BACK).startsWith(first).endsWith(first + ROLLED_BACK - 1);
            // one token per event holding the 8,000 gaps: 2,000 × ≈ 370 KB
            assertThat(allocated).as("bytes allocated by the copy's reading thread").isLessThan(250L * 1024 * 1024);
        }
    }

    private static long allocatedByThisThread() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
