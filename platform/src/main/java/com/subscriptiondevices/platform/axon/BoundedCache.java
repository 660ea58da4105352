package com.subscriptiondevices.platform.axon;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Scheduler;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

/**
 * Axon's cache port on a size-bounded Caffeine cache. Entries stay until the bound pushes the least
 * valuable ones out, or until they have been unused for a while when told so, so a busy aggregate is not
 * rebuilt from its events after every garbage collection (as it was with Axon's {@code WeakReferenceCache})
 * and an idle one does not hold the heap. Entry listeners are not offered: the aggregate
 * repositories this serves do not use them.
 */
public final class BoundedCache implements Cache {

    private final com.github.benmanes.caffeine.cache.Cache<Object, Object> cache;
    private final ConcurrentMap<Object, Object> entries;

    public BoundedCache(long maximumEntries) {
        this(maximumEntries, null, Ticker.systemTicker());
    }

    /**
     * @param idleFor how long an entry stays unused before it leaves (null: until the bound pushes it out);
     *     it leaves then even when nothing else touches the cache
     */
    public BoundedCache(long maximumEntries, Duration idleFor) {
        this(maximumEntries, idleFor, Ticker.systemTicker());
    }

    BoundedCache(long maximumEntries, Duration idleFor, Ticker ticker) {
        if (maximumEntries < 1) {
            throw new IllegalArgumentException("A cache holds at least one entry, not " + maximumEntries);
        }
        Caffeine<Object, Object> builder = Caffeine.newBuilder()
                .maximumSize(maximumEntries)
                // eviction runs on the writing thread: no pool, and the bound holds when put returns
                .executor(Runnable::run)
                .ticker(ticker);
        if (idleFor != null) {
            builder.expireAfterAccess(idleFor).scheduler(Scheduler.systemScheduler());
        }
        this.cache = builder.build();
        this.entries = cache.asMap();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        return (V) entries.get(key);
    }

    @Override
    public void put(Object key, Object value) {
        if (value == null) {
            entries.remove(key);
        } else {
            entries.put(key, value);
        }
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        return entries.putIfAbsent(key, value) == null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        return (T) entries.computeIfAbsent(key, k -> valueSupplier.get());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        entries.computeIfPresent(key, (k, v) -> update.apply((V) v));
    }

    @Override
    public boolean remove(Object key) {
        return entries.remove(key) != null;
    }

    @Override
    public void removeAll() {
        entries.clear();
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.containsKey(key);
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
        throw new UnsupportedOperationException("This cache does not notify entry listeners");
    }

    /** How many entries it holds now. */
    public long size() {
        cache.cleanUp();
        return entries.size();
    }
}
