package org.customerprofile.query.feed;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.customerprofile.api.published.CustomerEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live tails of the feed as Server-Sent Events. Each open stream polls the event store from its own
 * position (a few threads serve every stream: no thread waits per client), sends what is new with the
 * position as the SSE id, and a comment when idle so a vanished client is noticed.
 *
 * <p>A graceful stop ends every open stream first (this lifecycle stops before the web server's graceful
 * shutdown, which would otherwise wait its whole timeout for streams that never end); clients reconnect
 * with their last id, to this instance once it is back or to another.
 */
@Component
class EventStreams implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventStreams.class);
    private static final int BATCH = 500;
    private static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final CustomerEventFeed feed;
    private final Duration pollInterval;
    private final Set<Tail> open = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;
    private final ScheduledExecutorService pollers = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "event-stream");
        thread.setDaemon(true);
        return thread;
    });

    EventStreams(CustomerEventFeed feed, EventsProperties properties) {
        this.feed = feed;
        this.pollInterval = properties.streamPollInterval();
    }

    SseEmitter open(UUID companyId, long after, Instant until) {
        SseEmitter emitter = new SseEmitter(0L);
        Tail tail = new Tail(companyId, after, until, emitter);
        open.add(tail);
        tail.schedule = pollers.scheduleWithFixedDelay(tail::poll, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        emitter.onCompletion(tail::stop);
        emitter.onTimeout(tail::stop);
        emitter.onError(error -> tail.stop());
        if (stopping) {
            tail.end();
        }
        return emitter;
    }

    @Override
    public void start() {
        stopping = false;
    }

    @Override
    public void stop() {
        stopping = true;
        open.forEach(Tail::end);
    }

    @Override
    public boolean isRunning() {
        return !stopping;
    }

    @PreDestroy
    void close() {
        pollers.shutdownNow();
    }

    private final class Tail {

        private final UUID companyId;
        private final Instant until;
        private final SseEmitter emitter;
        private long position;
        private Instant lastSent = Instant.now();
        private volatile ScheduledFuture<?> schedule;
        private volatile boolean stopped;

        Tail(UUID companyId, long position, Instant until, SseEmitter emitter) {
            this.companyId = companyId;
            this.position = position;
            this.until = until;
            this.emitter = emitter;
        }

        void poll() {
            if (stopped) {
                stop();
                return;
            }
            try {
                if (Instant.now().isAfter(until)) {
                    emitter.complete();
                    stop();
                    return;
                }
                List<CustomerEvent> events;
                do {
                    events = feed.after(companyId, position, BATCH);
                    for (CustomerEvent event : events) {
                        emitter.send(SseEmitter.event().id(Long.toString(event.position())).name(event.type())
                                .data(event, MediaType.APPLICATION_JSON));
                        position = event.position();
                        lastSent = Instant.now();
                    }
                } while (events.size() == BATCH);
                if (Duration.between(lastSent, Instant.now()).compareTo(HEARTBEAT) > 0) {
                    emitter.send(SseEmitter.event().comment("still here"));
                    lastSent = Instant.now();
                }
            } catch (IOException | IllegalStateException gone) {
                // the client went away (or the emitter completed): nothing to deliver to
                stop();
            } catch (RuntimeException e) {
                // end the stream rather than fail it: the client reconnects with its last id and loses nothing
                if (!pollers.isShutdown()) {
                    log.warn("event stream for company {} ended at position {}: {}", companyId, position, e.toString());
                }
                emitter.complete();
                stop();
            }
        }

        /** Completes the response (the client sees the stream end) and stops polling. */
        void end() {
            stop();
            try {
                emitter.complete();
            } catch (IllegalStateException alreadyCompleted) {
                // ended by the client or by the poller meanwhile
            }
        }

        void stop() {
            open.remove(this);
            stopped = true;
            ScheduledFuture<?> running = schedule;
            if (running != null) {
                running.cancel(false);
            }
        }
    }
}
