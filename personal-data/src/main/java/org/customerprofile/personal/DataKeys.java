package org.customerprofile.personal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.subtle.AesGcmJce;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The customers' data keys (AES-256-GCM), one per customer, in PostgreSQL table {@code customer_data_key}
 * apart from the events, each wrapped by the {@link MasterKey}. Every statement runs on the caller's
 * transaction when there is one (a customer's key is created with its first event, destroyed with its
 * {@code CustomerErased}). An erased customer keeps a tombstone row without a key, so no key can ever be
 * created for it again. Unwrapped keys are cached; a key enters the cache only once its row is committed.
 *
 * <p>The cache must never outlive an erasure made by another process: {@link #forget} is called for every
 * erasure this process learns of (its {@code CustomerErased} read by {@link EncryptingSerializer}, PostgreSQL's
 * notification relayed by {@link ErasureNotifications}), and from then on this process refuses the customer's key
 * even if a read that started before put it back. While erasures of other processes could go unnoticed (the
 * notifications are not being received) the cache is suspended: every key is read from the table. Values opened
 * with the keys and kept elsewhere in the process follow the same rules ({@link OpenedValueCache}).
 */
public class DataKeys {

    /**
     * Values this process keeps after opening them with customers' keys (published events kept for the feed): told
     * of every erasure and every suspension the key cache is told of, so that nothing opened outlives its key. A value
     * is kept only if {@link #mayKeep} still holds once it is in, the check the key cache itself makes.
     */
    public interface OpenedValueCache {

        /** The customer is erased: drop every value opened with its key. */
        void forget(UUID customerId);

        /** Erasures may go unnoticed from now on: drop every value, and serve none until {@link #cacheInUse()}. */
        void forgetAll();
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final MasterKey masterKey;
    private final Cache<UUID, Aead> cache;
    /** Customers this process knows to be erased; one that falls out is found erased by its tombstone. */
    private final Cache<UUID, Boolean> erased;
    private volatile boolean cacheUsable = true;
    private final List<OpenedValueCache> openedValueCaches = new CopyOnWriteArrayList<>();

    public DataKeys(JdbcTemplate jdbc, MasterKey masterKey, int cacheSize, Duration cacheExpiry) {
        this.jdbc = jdbc;
        this.masterKey = masterKey;
        this.cache = Caffeine.newBuilder()
                .maximumSize(cacheSize)
                .expireAfterWrite(cacheExpiry)
                .build();
        this.erased = Caffeine.newBuilder()
                .maximumSize(cacheSize)
                .build();
    }

    /** The customer's key; empty when the customer is erased or never had one. */
    public Optional<Aead> of(UUID customerId) {
        if (erased.getIfPresent(customerId) != null) {
            return Optional.empty();
        }
        Aead cached = cache.getIfPresent(customerId);
        if (cached != null) {
            return Optional.of(cached);
        }
        List<byte[]> rows = jdbc.query("SELECT wrapped_key FROM customer_data_key WHERE customer_id = ?",
                (row, n) -> row.getBytes(1), customerId);
        if (rows.isEmpty() || rows.get(0) == null) {
            return Optional.empty();
        }
        Aead aead = aead(masterKey.unwrap(rows.get(0), customerId));
        remember(customerId, aead);
        return Optional.of(aead);
    }

    /**
     * Reads into the cache, in one query, the keys of those of {@code customerIds} it does not hold: for a reader
     * about to open the events of many customers in a row (a bulk copy of the event store), which would otherwise
     * ask for each key on its own. The cache's rules hold: nothing is kept while it is suspended, a customer known
     * to be erased is not asked for, and an erased customer's tombstone row is left for {@link #of} to find.
     */
    public void prefetch(Collection<UUID> customerIds) {
        if (!cacheUsable) {
            return;
        }
        UUID[] missing = customerIds.stream().distinct()
                .filter(id -> erased.getIfPresent(id) == null && cache.getIfPresent(id) == null)
                .toArray(UUID[]::new);
        if (missing.length == 0) {
            return;
        }
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(
                    "SELECT customer_id, wrapped_key FROM customer_data_key WHERE customer_id = ANY(?) AND wrapped_key IS NOT NULL");
            statement.setArray(1, connection.createArrayOf("uuid", missing));
            return statement;
        }, (RowCallbackHandler) row -> {
            UUID customerId = row.getObject(1, UUID.class);
            remember(customerId, aead(masterKey.unwrap(row.getBytes(2), customerId)));
        });
    }

    /**
     * The customer's key, created now if it has none yet (its first event is being stored).
     *
     * @throws CustomerErasedException when the customer is erased: nothing of it may be encrypted again
     */
    public Aead forWriting(UUID customerId) {
        if (erased.getIfPresent(customerId) != null) {
            throw new CustomerErasedException(customerId);
        }
        Aead cached = cache.getIfPresent(customerId);
        if (cached != null) {
            return cached;
        }
        byte[] key = new byte[MasterKey.LENGTH];
        RANDOM.nextBytes(key);
        int created = jdbc.update("INSERT INTO customer_data_key (customer_id, wrapped_key) VALUES (?, ?) ON CONFLICT (customer_id) DO NOTHING",
                customerId, masterKey.wrap(key, customerId));
        if (created == 0) {
            // a tombstone, or a key created meanwhile by another writer
            return of(customerId).orElseThrow(() -> new CustomerErasedException(customerId));
        }
        Aead aead = aead(key);
        remember(customerId, aead);
        return aead;
    }

    /** Destroys the customer's key, leaving its tombstone; in the caller's transaction. */
    public void erase(UUID customerId) {
        // delivered to every listening process when (and only if) this transaction commits
        jdbc.query("SELECT pg_notify(?, ?)", (ResultSetExtractor<Void>) rows -> null, ErasureNotifications.CHANNEL, customerId.toString());
        jdbc.update("""
                INSERT INTO customer_data_key (customer_id, wrapped_key, erased_at) VALUES (?, NULL, now())
                ON CONFLICT (customer_id) DO UPDATE SET wrapped_key = NULL, erased_at = coalesce(customer_data_key.erased_at, now())""",
                customerId);
        cache.invalidate(customerId);
        // known erased only once committed: an erasure that rolls back leaves the customer whole
        afterCommit(() -> forget(customerId));
    }

    /**
     * The customer is erased: its key is dropped from this process's cache and never cached again. The followers are
     * told once per customer this process comes to know erased (every read of a {@code CustomerErased} calls this):
     * whatever they were about to keep after that is refused by {@link #mayKeep}.
     */
    public void forget(UUID customerId) {
        boolean newlyKnown = erased.asMap().putIfAbsent(customerId, Boolean.TRUE) == null;
        cache.invalidate(customerId);
        if (newlyKnown) {
            openedValueCaches.forEach(opened -> opened.forget(customerId));
        }
    }

    /** Erasures of other processes may go unnoticed from now on: no key is served from or kept in the cache. */
    public void suspendCache() {
        cacheUsable = false;
        cache.invalidateAll();
        openedValueCaches.forEach(OpenedValueCache::forgetAll);
    }

    /** {@code opened} is told of every erasure and suspension from now on. */
    public void follow(OpenedValueCache opened) {
        openedValueCaches.add(opened);
    }

    /**
     * Whether a value opened with the customer's key may be kept: the cache is in use and the customer is not known to
     * be erased. Checked after the value is put in, as {@link #remember} does: a forget that ran meanwhile is seen.
     */
    public boolean mayKeep(UUID customerId) {
        return cacheUsable && erased.getIfPresent(customerId) == null;
    }

    /** Every erasure from now on is noticed; none before it left a key in the cache (it was suspended). */
    public void resumeCache() {
        cache.invalidateAll();
        cacheUsable = true;
    }

    /** Whether keys are kept in the cache now (false while erasures of other processes could go unnoticed). */
    public boolean cacheInUse() {
        return cacheUsable;
    }

    private void remember(UUID customerId, Aead aead) {
        afterCommit(() -> {
            cache.put(customerId, aead);
            // checked after the put: a forget or suspension that ran meanwhile removes it again
            if (!mayKeep(customerId)) {
                cache.invalidate(customerId);
            }
        });
    }

    /** Runs {@code action} once the current transaction commits, or now when there is none. */
    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }

    static Aead aead(byte[] key) {
        try {
            return new AesGcmJce(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available", e);
        }
    }
}
