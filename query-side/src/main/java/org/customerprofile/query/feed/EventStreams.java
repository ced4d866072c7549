package org.customerprofile.query.feed;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live tails of the feed as Server-Sent Events. One poller serves every open stream of the process: each
 * poll reads a company's new events once, from the position of its furthest-behind stream, and hands
 * each stream those after its own position, so the event store sees one query per company with open
 * streams, however many clients it has. A stream silent for the heartbeat gets a comment line: writing
 * is the only way to notice a client that went away, and its stream is released at the failed write.
 *
 * <p>A graceful stop ends every open stream first (this lifecycle stops before the web server's graceful
 * shutdown, which would otherwise wait its whole timeout for streams that never end); clients reconnect
 * with their last id, to this instance once it is back or to another.
 */
@Component
class EventStreams implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventStreams.class);
    private static final int BATCH = 500;

    private final CustomerEventFeed feed;
    private final Duration heartbeat;
    private final int maxPerApp;
    private final Set<Subscription> open = ConcurrentHashMap.newKeySet();
    /** Open streams per app id; guarded by {@code this}, so that counting and admitting are one step. */
    private final Map<String, Integer> perApp = new HashMap<>();
    private final Counter polls;
    private volatile boolean stopping;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "event-streams");
        thread.setDaemon(true);
        return thread;
    });

    EventStreams(CustomerEventFeed feed, EventsProperties properties, MeterRegistry registry) {
        this.feed = feed;
        this.heartbeat = properties.streamHeartbeat();
        this.maxPerApp = properties.maxStreamsPerApp();
        this.polls = Counter.builder("customers.events.stream.polls")
                .description("queries of the event store made for the open event streams").register(registry);
        Gauge.builder("customers.events.streams", open, Set::size).description("open event streams").register(registry);
        long interval = properties.streamPollInterval().toMillis();
        poller.scheduleWithFixedDelay(this::poll, interval, interval, TimeUnit.MILLISECONDS);
    }

    /**
     * A stream of {@code companyId}'s events after position {@code after} until {@code until}, or empty when
     * {@code appId} already holds as many open streams as it may.
     */
    synchronized Optional<SseEmitter> open(UUID companyId, String appId, long after, Instant until) {
        if (!hasRoom(appId)) {
            return Optional.empty();
        }
        perApp.merge(appId, 1, Integer::sum);
        SseEmitter emitter = new SseEmitter(0L);
        try {
            // held until the response starts, then sent with its head: the client knows at once that it is streaming
            emitter.send(SseEmitter.event().comment("streaming"));
        } catch (IOException notYetWritten) {
            throw new UncheckedIOException(notYetWritten);
        }
        Subscription subscription = new Subscription(companyId, appId, after, until, emitter);
        open.add(subscription);
        if (stopping) {
            subscription.end();
        }
        emitter.onCompletion(subscription::release);
        emitter.onTimeout(subscription::release);
        emitter.onError(error -> subscription.release());
        return Optional.of(emitter);
    }

    /** Whether {@code appId} may open one more stream now. */
    synchronized boolean hasRoom(String appId) {
        return perApp.getOrDefault(appId, 0) < maxPerApp;
    }

    /** When to try again after a refusal: by then any stream whose client went away has been noticed and released. */
    Duration retryAfter() {
        return heartbeat.multipliedBy(2).plusSeconds(1);
    }

    private synchronized void freeSlot(String appId) {
        perApp.computeIfPresent(appId, (app, held) -> held == 1 ? null : held - 1);
    }

    private void poll() {
        try {
            Map<UUID, List<Subscription>> byCompany = open.stream().collect(Collectors.groupingBy(subscription -> subscription.companyId));
            byCompany.forEach(this::poll);
        } catch (RuntimeException e) {
            // a failed poll must not end the schedule: every stream of the process depends on it
            log.warn("event stream poll failed: {}", e.toString());
        }
    }

    private void poll(UUID companyId, List<Subscription> subscriptions) {
        Instant now = Instant.now();
        List<Subscription> live = subscriptions.stream().filter(subscription -> !subscription.endIfExpired(now)).toList();
        if (live.isEmpty()) {
            return;
        }
        long from = live.stream().mapToLong(subscription -> subscription.position).min().orElseThrow();
        try {
            List<FeedEvent> events;
            do {
                events = feed.after(companyId, from, BATCH);
                polls.increment();
                for (Subscription subscription : live) {
                    subscription.deliver(events);
                }
                if (!events.isEmpty()) {
                    from = events.get(events.size() - 1).position();
                }
            } while (events.size() == BATCH);
        } catch (RuntimeException e) {
            // end the streams rather than fail them: each client reconnects with its last id and loses nothing
            if (!poller.isShutdown()) {
                log.warn("event streams of company {} ended at position {}: {}", companyId, from, e.toString());
            }
            live.forEach(Subscription::end);
            return;
        }
        live.forEach(subscription -> subscription.heartbeatIfSilent(now));
    }

    @Override
    public void start() {
        stopping = false;
    }

    @Override
    public void stop() {
        stopping = true;
        open.forEach(Subscription::end);
    }

    @Override
    public boolean isRunning() {
        return !stopping;
    }

    @PreDestroy
    void close() {
        poller.shutdownNow();
        open.forEach(Subscription::end);
    }

    /** One open stream; its position and writes are the poller's alone, its release may come from any thread. */
    private final class Subscription {

        private final UUID companyId;
        private final String appId;
        private final Instant until;
        private final SseEmitter emitter;
        private final AtomicBoolean released = new AtomicBoolean();
        private long position;
        private Instant lastWrite = Instant.now();

        Subscription(UUID companyId, String appId, long position, Instant until, SseEmitter emitter) {
            this.companyId = companyId;
            this.appId = appId;
            this.position = position;
            this.until = until;
            this.emitter = emitter;
        }

        void deliver(List<FeedEvent> events) {
            try {
                for (FeedEvent event : events) {
                    if (released.get()) {
                        return;
                    }
                    if (event.position() > position) {
                        emitter.send(SseEmitter.event().id(Long.toString(event.position())).name(event.type())
                                .data(event, MediaType.APPLICATION_JSON));
                        position = event.position();
                        lastWrite = Instant.now();
                    }
                }
            } catch (IOException | IllegalStateException gone) {
                // the client went away (or the emitter completed): nothing to deliver to
                release();
            }
        }

        void heartbeatIfSilent(Instant now) {
            if (released.get() || Duration.between(lastWrite, now).compareTo(heartbeat) < 0) {
                return;
            }
            try {
                emitter.send(SseEmitter.event().comment("still here"));
                lastWrite = now;
            } catch (IOException | IllegalStateException gone) {
                release();
            }
        }

        /** Ends the stream when the caller's token has expired: the client reconnects with a fresh one. */
        boolean endIfExpired(Instant now) {
            if (now.isAfter(until)) {
                end();
                return true;
            }
            return released.get();
        }

        void end() {
            release();
            try {
                emitter.complete();
            } catch (RuntimeException alreadyGone) {
                // completed or failed already
            }
        }

        void release() {
            if (released.compareAndSet(false, true)) {
                open.remove(this);
                freeSlot(appId);
            }
        }
    }
}
