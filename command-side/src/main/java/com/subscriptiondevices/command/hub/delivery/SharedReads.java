package com.subscriptiondevices.command.hub.delivery;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The hub's stream as this instance's listeners read it: listeners of one org at the same position (every
 * one that keeps up: they are woken together, after the same append) share one read of the database instead
 * of each reading the same events. Each listener still has its own position and its own round; only the
 * rows are shared, so a slow listener holds back nobody.
 *
 * <p>A read answers for events committed before it started: one writer at a time appends, in {@code seq}
 * order, so what a read finds after a position is every event up to its last, and a later read only adds to
 * it. A listener asks with the hub's latest {@code seq} it knows of, and takes a read shared with it only when
 * that read started after that {@code seq} was known (or filled its whole batch): it then sees at least what
 * it would have read itself. A failed read is not shared. Reads are kept {@value #KEEP_MILLIS} ms, at most
 * {@value #MAX_READS} of them.
 */
final class SharedReads {

    static final long KEEP_MILLIS = 1000;
    static final int MAX_READS = 16;
    private static final long KEEP_NANOS = Duration.ofMillis(KEEP_MILLIS).toNanos();

    /** The database's answer: the org's events after the position, in order, at most {@code limit}. */
    @FunctionalInterface
    interface Source {
        List<DeliveryStore.HubEvent> eventsAfter(String org, long position, int limit);
    }

    /** Where each read came from: its own query, or one another listener made. */
    interface Counts {
        void read(boolean shared);
    }

    private record Key(String org, long position, int limit) {}

    /** A read under way or done; {@code known}: the latest seq known to be committed before it started. */
    private record Read(long known, long startedNanos, CompletableFuture<List<DeliveryStore.HubEvent>> events) {}

    private final Source source;
    private final Counts counts;
    private final LongSupplier nanoTime;
    private final Map<Key, Read> reads = new ConcurrentHashMap<>();

    SharedReads(Source source, Counts counts) {
        this(source, counts, System::nanoTime);
    }

    /** {@code nanoTime}: the clock reads are kept by ({@link System#nanoTime} but in tests). */
    SharedReads(Source source, Counts counts, LongSupplier nanoTime) {
        this.source = source;
        this.counts = counts;
        this.nanoTime = nanoTime;
    }

    /**
     * The org's events after {@code position}, at most {@code limit}, including every one up to {@code known}
     * (the hub's latest seq the caller knows of) that fits.
     */
    List<DeliveryStore.HubEvent> eventsAfter(String org, long position, int limit, long known) {
        Key key = new Key(org, position, limit);
        long now = nanoTime.getAsLong();
        CompletableFuture<List<DeliveryStore.HubEvent>> mine = new CompletableFuture<>();
        Read read = reads.compute(
                key,
                (k, earlier) ->
                        earlier != null && serves(earlier, known, limit, now) ? earlier : new Read(known, now, mine));
        if (read.events() != mine) {
            try {
                List<DeliveryStore.HubEvent> shared = read.events().join();
                counts.read(true);
                return shared;
            } catch (CompletionException | CancellationException failed) {
                // its reader met a failure: this listener reads for itself
                return readAlone(org, position, limit);
            }
        }
        try {
            List<DeliveryStore.HubEvent> events = List.copyOf(source.eventsAfter(org, position, limit));
            mine.complete(events);
            counts.read(false);
            forgetOld(now);
            return events;
        } catch (RuntimeException failure) {
            reads.remove(key, read);
            mine.completeExceptionally(failure);
            throw failure;
        }
    }

    private List<DeliveryStore.HubEvent> readAlone(String org, long position, int limit) {
        List<DeliveryStore.HubEvent> events = source.eventsAfter(org, position, limit);
        counts.read(false);
        return events;
    }

    /** Whether an earlier read answers a listener that knows of {@code known}. */
    private static boolean serves(Read earlier, long known, int limit, long now) {
        if (now - earlier.startedNanos() > KEEP_NANOS) {
            return false;
        }
        if (earlier.known() >= known) {
            return true;
        }
        // started before the caller's latest seq was known: it still serves when it filled its batch
        CompletableFuture<List<DeliveryStore.HubEvent>> events = earlier.events();
        return events.isDone()
                && !events.isCompletedExceptionally()
                && events.join().size() == limit;
    }

    private void forgetOld(long now) {
        reads.values().removeIf(read -> now - read.startedNanos() > KEEP_NANOS);
        while (reads.size() > MAX_READS) {
            reads.entrySet().stream()
                    .min(Comparator.comparingLong(entry -> entry.getValue().startedNanos()))
                    .ifPresent(oldest -> reads.remove(oldest.getKey(), oldest.getValue()));
        }
    }

    /** Reads kept (for tests). */
    int kept() {
        return reads.size();
    }
}
