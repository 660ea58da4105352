package com.subscriptiondevices.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;

class BoundedCacheTest {

    @Test
    void keepsEntriesUntilTheBoundPushesTheOldestOut() {
        BoundedCache cache = new BoundedCache(100);
        for (int i = 0; i < 1_000; i++) {
            cache.put("subscription-" + i, "state-" + i);
        }

        assertThat(cache.size()).isEqualTo(100);
        assertThat(cache.<String, String>get("subscription-999")).isEqualTo("state-999");
    }

    @Test
    void anEntryUnusedForItsIdleTimeLeavesWhileAUsedOneStays() {
        AtomicLong nanos = new AtomicLong();
        BoundedCache cache = new BoundedCache(10, Duration.ofMinutes(2), nanos::get);
        cache.put("idle subscription", "a");
        cache.put("busy subscription", "b");

        nanos.addAndGet(Duration.ofSeconds(90).toNanos());
        assertThat(cache.<String, String>get("busy subscription")).isEqualTo("b");
        nanos.addAndGet(Duration.ofSeconds(60).toNanos());

        assertThat(cache.size()).isEqualTo(1);
        assertThat(cache.containsKey("idle subscription")).isFalse();
        assertThat(cache.<String, String>get("busy subscription")).isEqualTo("b");
    }

    @Test
    void withoutAnIdleTimeEntriesStayUntilTheBound() {
        AtomicLong nanos = new AtomicLong();
        BoundedCache cache = new BoundedCache(10, null, nanos::get);
        cache.put("subscription", "a");

        nanos.addAndGet(Duration.ofDays(30).toNanos());

        assertThat(cache.<String, String>get("subscription")).isEqualTo("a");
    }

    @Test
    void entriesSurviveGarbageCollection() {
        BoundedCache cache = new BoundedCache(10);
        cache.put("subscription", new StringBuilder("state"));

        System.gc();

        assertThat(cache.containsKey("subscription")).isTrue();
    }

    @Test
    void behavesAsAxonsCachePortExpects() {
        Cache cache = new BoundedCache(10);

        assertThat(cache.putIfAbsent("a", 1)).isTrue();
        assertThat(cache.putIfAbsent("a", 2)).isFalse();
        assertThat(cache.<String, Integer>get("a")).isEqualTo(1);
        assertThat(cache.<Integer>computeIfAbsent("b", () -> 3)).isEqualTo(3);
        cache.<Integer>computeIfPresent("b", v -> v + 1);
        assertThat(cache.<String, Integer>get("b")).isEqualTo(4);
        cache.put("b", null);
        assertThat(cache.containsKey("b")).isFalse();
        assertThat(cache.remove("a")).isTrue();
        assertThat(cache.remove("a")).isFalse();
        cache.put("c", 5);
        cache.removeAll();
        assertThat(cache.containsKey("c")).isFalse();
    }

    @Test
    void refusesListenersItWouldNeverCall() {
        Cache cache = new BoundedCache(10);

        assertThatThrownBy(() -> cache.registerCacheEntryListener(new Cache.EntryListenerAdapter()))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void refusesAnEmptyBound() {
        assertThatThrownBy(() -> new BoundedCache(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
