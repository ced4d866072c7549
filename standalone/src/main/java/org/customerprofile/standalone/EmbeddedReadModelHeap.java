package org.customerprofile.standalone;

import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Conditional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Says at start, before the read model is filled, when it will not fit the heap: the embedded read store keeps every
 * customer's document in this JVM (≈ 5.3 KB of live heap each, README "Memory"). A fill that
 * runs out of heap would otherwise leave only {@code OutOfMemoryError}s in the log, and with {@code jvm.options}'
 * {@code -XX:+ExitOnOutOfMemoryError} a JVM that exits; this line says why and what heap to give it.
 */
@Component
@Conditional(OnEmbeddedStores.class)
class EmbeddedReadModelHeap implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedReadModelHeap.class);
    private static final String CUSTOMERS = "SELECT count(*) FROM DomainEventEntry WHERE type = 'Customer' AND sequenceNumber = 0";

    private final JdbcTemplate jdbc;
    private final LongSupplier maxHeap;

    @Autowired
    EmbeddedReadModelHeap(JdbcTemplate jdbc) {
        this(jdbc, Runtime.getRuntime()::maxMemory);
    }

    EmbeddedReadModelHeap(JdbcTemplate jdbc, LongSupplier maxHeap) {
        this.jdbc = jdbc;
        this.maxHeap = maxHeap;
    }

    @Override
    public void afterPropertiesSet() {
        Budget budget = new Budget(jdbc.queryForObject(CUSTOMERS, Long.class), maxHeap.getAsLong());
        if (!budget.fits()) {
            log.warn("the embedded read model will hold {} customers, about {} MB of heap with the collector's headroom, more than this "
                            + "JVM's {} MB allow: start it with -Xmx{}m (after @jvm.options), or keep the read model in MongoDB",
                    budget.customers(), budget.neededMegabytes(), budget.maxHeap() / Budget.MEGABYTE, budget.suggestedMegabytes());
        }
    }

    /** The heap a read model of {@code customers} customers needs, against the JVM's {@code maxHeap} bytes. */
    record Budget(long customers, long maxHeap) {

        static final long MEGABYTE = 1024 * 1024;
        /** Heap per customer held: ≈ 5.3 KB live (measured at 100,000 customers, README "Memory"), doubled for the collector. */
        static final long BYTES_PER_CUSTOMER = 11 * 1024;
        /** What the rest of the service holds: ≈ 40 MB live, doubled. */
        static final long SERVICE_BYTES = 80 * MEGABYTE;
        private static final long ROUNDED_TO_MEGABYTES = 256;

        long neededMegabytes() {
            return customers * BYTES_PER_CUSTOMER / MEGABYTE;
        }

        boolean fits() {
            return heapBytes() <= maxHeap;
        }

        /** A heap that fits, in whole steps of 256 MB. */
        long suggestedMegabytes() {
            long needed = (heapBytes() + MEGABYTE - 1) / MEGABYTE;
            return (needed + ROUNDED_TO_MEGABYTES - 1) / ROUNDED_TO_MEGABYTES * ROUNDED_TO_MEGABYTES;
        }

        /** The heap the service needs with this read model in it. */
        private long heapBytes() {
            return SERVICE_BYTES + customers * BYTES_PER_CUSTOMER;
        }
    }
}
