package org.customerprofile.query.webhook;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Sends due deliveries: one loop looks for webhooks with deliveries due (when woken by newly planned ones,
 * else every poll interval) and hands each to a small pool, one task per webhook at a time. A task leases its
 * webhook's due deliveries in batches and sends them one after the other, so a slow or failing endpoint holds
 * one thread and its own deliveries, never another webhook's.
 */
class WebhookDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    /** Deliveries one task sends before it makes room for other webhooks waiting for a thread. */
    private static final int DELIVERIES_PER_TASK = 500;
    /** Deliveries leased by one query: at most one per customer, so a batch holds no two that must go in order. */
    private static final int LEASE_BATCH = 100;
    /** Slack between the longest wait for an answer and the end of the lease, for recording the outcome. */
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(5);
    private static final int WEBHOOKS_PER_ROUND = 500;

    private final DeliveryStore deliveries;
    private final WebhookSender sender;
    private final WebhooksProperties properties;
    private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();
    private final Semaphore wakeUps = new Semaphore(0);
    private ExecutorService pool;
    private Thread loop;
    private volatile boolean running;

    WebhookDispatcher(DeliveryStore deliveries, WebhookSender sender, WebhooksProperties properties) {
        this.deliveries = deliveries;
        this.sender = sender;
        this.properties = properties;
    }

    /** Looks for due deliveries now rather than at the next poll. */
    void wake() {
        wakeUps.release();
    }

    @Override
    public synchronized void start() {
        running = true;
        AtomicInteger senders = new AtomicInteger();
        pool = Executors.newFixedThreadPool(properties.threads(), task -> daemon(task, "webhook-sender-" + senders.incrementAndGet()));
        loop = daemon(this::run, "webhook-dispatcher");
        loop.start();
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public synchronized void stop() {
        running = false;
        loop.interrupt();
        pool.shutdownNow();
        try {
            // deliveries still in flight are sent again once their lease runs out: at least once
            pool.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        while (running) {
            try {
                wakeUps.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                wakeUps.drainPermits();
                dispatchDue();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // the database may be unreachable for a while: the next round tries again
                log.warn("looking for due webhook deliveries failed: {}", e.toString());
            }
        }
    }

    private void dispatchDue() {
        List<UUID> webhooks = deliveries.webhooksWithDueDeliveries(WEBHOOKS_PER_ROUND);
        for (UUID webhook : webhooks) {
            if (running && inFlight.add(webhook)) {
                pool.execute(() -> {
                    try {
                        sendDue(webhook);
                    } finally {
                        inFlight.remove(webhook);
                    }
                });
            }
        }
    }

    private void sendDue(UUID webhook) {
        try {
            for (int sent = 0; running; ) {
                if (sent >= DELIVERIES_PER_TASK) {
                    wake(); // more may be due: another round picks this webhook up again
                    return;
                }
                long leasedAt = System.nanoTime();
                List<Delivery> batch = deliveries.lease(webhook, properties.lease(), LEASE_BATCH);
                if (batch.isEmpty()) {
                    return;
                }
                sent += sendLeased(webhook, batch, leasedAt);
            }
        } catch (RuntimeException e) {
            log.warn("sending deliveries of webhook {} failed: {}", webhook, e.toString());
        }
    }

    /**
     * Sends a leased batch (one delivery per customer, so their order does not matter) one after the other, and
     * records the 2xx answers together. A delivery is sent only while this process surely still holds its lease:
     * once the lease might run out before the next answer could come, the answers so far are recorded and the
     * rest renewed, and any whose lease ran out meanwhile is left to whichever process leased it since. Answers
     * how many were sent.
     */
    private int sendLeased(UUID webhook, List<Delivery> batch, long leasedAt) {
        long safeNanos = properties.lease().minus(properties.timeout()).minus(LEASE_MARGIN).toNanos();
        Deque<Delivery> unsent = new ArrayDeque<>(batch);
        List<DeliveryStore.Answer> answered = new ArrayList<>();
        long heldSince = leasedAt;
        int sent = 0;
        try {
            while (!unsent.isEmpty()) {
                if (!running) {
                    deliveries.release(ids(unsent)); // due again at once rather than when the lease runs out
                    return sent;
                }
                if (System.nanoTime() - heldSince > safeNanos) {
                    sender.recordDelivered(webhook, answered);
                    answered.clear();
                    heldSince = System.nanoTime();
                    Set<UUID> held = deliveries.renew(ids(unsent), properties.lease());
                    unsent.removeIf(delivery -> !held.contains(delivery.deliveryId()));
                    continue;
                }
                sender.send(unsent.poll()).ifPresent(answered::add);
                sent++;
            }
            return sent;
        } finally {
            sender.recordDelivered(webhook, answered);
        }
    }

    private static List<UUID> ids(Collection<Delivery> batch) {
        return batch.stream().map(Delivery::deliveryId).toList();
    }
}
