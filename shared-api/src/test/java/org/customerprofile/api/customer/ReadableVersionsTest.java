package org.customerprofile.api.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReadableVersionsTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final Map<UUID, Long> readModel = new ConcurrentHashMap<>();
    private final AtomicInteger readModelAsked = new AtomicInteger();
    private final ReadableVersions versions = new ReadableVersions(id -> {
        readModelAsked.incrementAndGet();
        return readModel.getOrDefault(id, -1L);
    });
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void aWriteWaitsForTheVersionItAppendedWithoutAskingTheReadModel() throws Exception {
        UUID customer = UUID.randomUUID();
        try (ReadableVersions.Watch watch = versions.watch(customer)) {
            Future<Boolean> visible = threads.submit(() -> watch.awaitReadable(2, true, WAIT));
            versions.madeReadable(customer, 1);
            assertThat(watch.awaitReadable(2, true, Duration.ZERO)).as("an earlier version is not the write's").isFalse();

            versions.madeReadable(customer, 2);

            assertThat(visible.get(5, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(readModelAsked).hasValue(0);
        assertThat(versions.watching()).isZero();
    }

    @Test
    void aVersionMadeReadableBeforeTheWaitBeganIsKeptByTheWatch() {
        UUID customer = UUID.randomUUID();
        try (ReadableVersions.Watch watch = versions.watch(customer)) {
            versions.madeReadable(customer, 0);

            assertThat(watch.awaitReadable(0, true, Duration.ZERO)).isTrue();
        }
    }

    @Test
    void aSequenceTheWriteDidNotAppendIsLookedUpInTheReadModel() {
        UUID customer = UUID.randomUUID();
        readModel.put(customer, 3L);
        try (ReadableVersions.Watch watch = versions.watch(customer)) {
            assertThat(watch.awaitReadable(3, false, Duration.ZERO)).isTrue();
            assertThat(watch.awaitReadable(4, false, Duration.ofMillis(20))).isFalse();
        }
        assertThat(readModelAsked).hasValue(2);
    }

    @Test
    void anotherCustomersVersionsDoNotCount() {
        UUID customer = UUID.randomUUID();
        try (ReadableVersions.Watch watch = versions.watch(customer)) {
            versions.madeReadable(UUID.randomUUID(), 7);

            assertThat(watch.awaitReadable(0, true, Duration.ofMillis(20))).isFalse();
        }
    }

    @Test
    void manyWritersOfManyCustomersEachSeeTheirOwnVersionAndLeaveNoWatchBehind() throws Exception {
        int writers = 200;
        CountDownLatch watching = new CountDownLatch(writers);
        UUID[] customers = new UUID[writers];
        Future<?>[] answers = new Future<?>[writers];
        for (int i = 0; i < writers; i++) {
            UUID customer = customers[i] = UUID.randomUUID();
            answers[i] = threads.submit(() -> {
                try (ReadableVersions.Watch watch = versions.watch(customer)) {
                    watching.countDown();
                    return watch.awaitReadable(0, true, WAIT);
                }
            });
        }
        Future<?> projection = threads.submit(() -> {
            try {
                watching.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (UUID customer : customers) {
                versions.madeReadable(customer, 0);
            }
        });

        projection.get(10, TimeUnit.SECONDS);
        for (Future<?> answer : answers) {
            assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo(true);
        }
        assertThat(versions.watching()).isZero();
    }

    @Test
    void anInterruptedWaitAnswersNotVisibleAndKeepsTheInterrupt() {
        UUID customer = UUID.randomUUID();
        try (ReadableVersions.Watch watch = versions.watch(customer)) {
            Thread.currentThread().interrupt();

            assertThat(watch.awaitReadable(0, true, WAIT)).isFalse();
            assertThat(Thread.interrupted()).isTrue();
        }
    }
}
