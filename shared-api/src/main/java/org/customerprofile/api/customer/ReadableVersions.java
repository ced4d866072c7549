package org.customerprofile.api.customer;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;

/**
 * The customer versions the projection in this JVM has just made readable, told to the writes waiting for them
 * (read-your-writes in the standalone run). A write {@link #watch watches} its customer before it sends its
 * command, so no version made readable after that passes it by; what the read model showed before the watch
 * began, only the read model can tell ({@code stored}: the customer's sequence in it, {@code -1} for none).
 */
public final class ReadableVersions {

    private final ToLongFunction<UUID> stored;
    private final Map<UUID, Set<Watch>> watches = new ConcurrentHashMap<>();

    public ReadableVersions(ToLongFunction<UUID> stored) {
        this.stored = stored;
    }

    /** The read model now shows the customer at {@code sequence}: called once the write that shows it is done. */
    public void madeReadable(UUID customerId, long sequence) {
        Set<Watch> watching = watches.get(customerId);
        if (watching != null) {
            watching.forEach(watch -> watch.reached(sequence));
        }
    }

    /** Starts watching the customer; close the watch once the write is answered. */
    public Watch watch(UUID customerId) {
        Watch watch = new Watch(customerId);
        watches.computeIfAbsent(customerId, id -> ConcurrentHashMap.newKeySet()).add(watch);
        return watch;
    }

    /** How many writes are watching a customer now. */
    int watching() {
        return watches.values().stream().mapToInt(Set::size).sum();
    }

    /** One write's wait for its customer's version. */
    public final class Watch implements AutoCloseable {

        private final UUID customerId;
        private long highest = -1;

        private Watch(UUID customerId) {
            this.customerId = customerId;
        }

        private synchronized void reached(long sequence) {
            if (sequence > highest) {
                highest = sequence;
                notifyAll();
            }
        }

        /**
         * Whether the customer is readable at {@code sequence} within {@code wait}. {@code appendedSinceWatch}: the
         * write appended that sequence after this watch began, so it cannot have been made readable before — the
         * read model need not be asked. Otherwise (a repeated request, an update that changed nothing) it is.
         */
        public boolean awaitReadable(long sequence, boolean appendedSinceWatch, Duration wait) {
            if (!appendedSinceWatch) {
                reached(stored.applyAsLong(customerId));
            }
            long deadline = System.nanoTime() + wait.toNanos();
            synchronized (this) {
                while (highest < sequence) {
                    long remaining = deadline - System.nanoTime();
                    if (remaining <= 0) {
                        return false;
                    }
                    try {
                        Duration left = Duration.ofNanos(remaining);
                        wait(left.toMillis(), left.toNanosPart() % 1_000_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                }
                return true;
            }
        }

        @Override
        public void close() {
            watches.computeIfPresent(customerId, (id, watching) -> {
                watching.remove(this);
                return watching.isEmpty() ? null : watching;
            });
        }
    }
}
