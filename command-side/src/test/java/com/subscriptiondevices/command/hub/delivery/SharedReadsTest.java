package com.subscriptiondevices.command.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Listeners at one position share a read of the hub's stream, but never one that could miss an event the
 * listener knows was committed; a failed read is not shared; reads are kept a second, and a bounded number.
 */
class SharedReadsTest {

    /** The hub's stream: the org's events, seq 1, 2, 3... as they are appended. */
    private final List<DeliveryStore.HubEvent> stream = new ArrayList<>();

    private final AtomicInteger queries = new AtomicInteger();
    private final AtomicInteger fromDatabase = new AtomicInteger();
    private final AtomicInteger shared = new AtomicInteger();
    private final AtomicLong now = new AtomicLong();

    private final SharedReads reads = over((org, position, limit) -> {
        queries.incrementAndGet();
        return streamAfter(position, limit);
    });

    /** Shared reads over that source, counted in {@link #fromDatabase} and {@link #shared}, on the test's clock. */
    private SharedReads over(SharedReads.Source source) {
        return new SharedReads(source, wasShared -> (wasShared ? shared : fromDatabase).incrementAndGet(), now::get);
    }

    private List<DeliveryStore.HubEvent> streamAfter(long position, int limit) {
        synchronized (stream) {
            return stream.stream()
                    .filter(event -> event.seq() > position)
                    .limit(limit)
                    .toList();
        }
    }

    private long append(int count) {
        synchronized (stream) {
            for (int i = 0; i < count; i++) {
                long seq = stream.size() + 1;
                stream.add(new DeliveryStore.HubEvent(
                        seq, "sub-1", "event-" + seq, seq, "subscription-devices.device.added", Instant.EPOCH, "{}"));
            }
            return stream.size();
        }
    }

    private static List<Long> seqs(List<DeliveryStore.HubEvent> events) {
        return events.stream().map(DeliveryStore.HubEvent::seq).toList();
    }

    @Test
    void listenersAtOnePositionShareOneRead() {
        long latest = append(3);

        List<DeliveryStore.HubEvent> first = reads.eventsAfter("org-a", 0, 200, latest);
        List<DeliveryStore.HubEvent> second = reads.eventsAfter("org-a", 0, 200, latest);

        assertThat(seqs(first)).containsExactly(1L, 2L, 3L);
        assertThat(second).isSameAs(first);
        assertThat(queries).hasValue(1);
        assertThat(fromDatabase).hasValue(1);
        assertThat(shared).hasValue(1);
    }

    @Test
    void otherPositionsOrgsAndBatchSizesReadForThemselves() {
        long latest = append(3);

        reads.eventsAfter("org-a", 0, 200, latest);
        assertThat(seqs(reads.eventsAfter("org-a", 1, 200, latest))).containsExactly(2L, 3L);
        reads.eventsAfter("org-b", 0, 200, latest);
        assertThat(seqs(reads.eventsAfter("org-a", 0, 2, latest))).containsExactly(1L, 2L);

        assertThat(queries).hasValue(4);
        assertThat(shared).hasValue(0);
    }

    @Test
    void aListenerThatKnowsOfALaterEventDoesNotTakeAReadMadeBeforeIt() {
        long before = append(2);
        reads.eventsAfter("org-a", 0, 200, before);
        long after = append(1);

        assertThat(seqs(reads.eventsAfter("org-a", 0, 200, after))).containsExactly(1L, 2L, 3L);
        // and that newer read serves a listener that knew less
        assertThat(seqs(reads.eventsAfter("org-a", 0, 200, before))).containsExactly(1L, 2L, 3L);
        assertThat(queries).hasValue(2);
        assertThat(shared).hasValue(1);
    }

    @Test
    void aFullBatchServesWhateverTheListenerKnows() {
        long before = append(5);
        reads.eventsAfter("org-a", 0, 2, before);
        long after = append(1);

        assertThat(seqs(reads.eventsAfter("org-a", 0, 2, after))).containsExactly(1L, 2L);
        assertThat(queries).hasValue(1);
    }

    @Test
    void aListenerWaitsForTheReadUnderWayInsteadOfMakingItsOwn() throws Exception {
        ExecutorService listeners = Executors.newFixedThreadPool(3);
        long latest = append(2);
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        SharedReads slow = over((org, position, limit) -> {
            queries.incrementAndGet();
            reading.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            return streamAfter(position, limit);
        });

        CompletableFuture<List<DeliveryStore.HubEvent>> first =
                CompletableFuture.supplyAsync(() -> slow.eventsAfter("org-a", 0, 200, latest), listeners);
        assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<List<DeliveryStore.HubEvent>> second =
                CompletableFuture.supplyAsync(() -> slow.eventsAfter("org-a", 0, 200, latest), listeners);
        // the second has joined the first's read: it does not answer before that read does
        assertThatThrownBy(() -> second.get(200, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);

        release.countDown();
        assertThat(seqs(first.get(10, TimeUnit.SECONDS))).containsExactly(1L, 2L);
        CompletableFuture<List<DeliveryStore.HubEvent>> third =
                CompletableFuture.supplyAsync(() -> slow.eventsAfter("org-a", 0, 200, latest), listeners);
        assertThat(seqs(third.get(10, TimeUnit.SECONDS))).containsExactly(1L, 2L);
        assertThat(seqs(second.get(10, TimeUnit.SECONDS))).containsExactly(1L, 2L);
        assertThat(queries).hasValue(1);
        assertThat(shared).hasValue(2);
        listeners.shutdownNow();
    }

    @Test
    void aFailedReadIsNotShared() {
        long latest = append(1);
        AtomicInteger calls = new AtomicInteger();
        SharedReads failingOnce = over((org, position, limit) -> {
            if (calls.incrementAndGet() == 1) {
                throw new org.springframework.dao.QueryTimeoutException("canceling statement");
            }
            return streamAfter(position, limit);
        });

        assertThatThrownBy(() -> failingOnce.eventsAfter("org-a", 0, 200, latest))
                .isInstanceOf(org.springframework.dao.QueryTimeoutException.class);
        assertThat(seqs(failingOnce.eventsAfter("org-a", 0, 200, latest))).containsExactly(1L);
        assertThat(calls).hasValue(2);
        assertThat(failingOnce.kept()).isEqualTo(1);
    }

    @Test
    void readsAreKeptASecondAndABoundedNumberOfThem() {
        long latest = append(1);
        reads.eventsAfter("org-a", 0, 200, latest);
        now.addAndGet(Duration.ofMillis(SharedReads.KEEP_MILLIS + 1).toNanos());

        reads.eventsAfter("org-a", 0, 200, latest);
        assertThat(queries).hasValue(2);
        assertThat(reads.kept()).isEqualTo(1);

        for (int org = 0; org < SharedReads.MAX_READS * 2; org++) {
            now.incrementAndGet();
            reads.eventsAfter("org-" + org, 0, 200, latest);
        }
        assertThat(reads.kept()).isEqualTo(SharedReads.MAX_READS);
        // the latest are the ones kept
        int before = queries.get();
        reads.eventsAfter("org-" + (SharedReads.MAX_READS * 2 - 1), 0, 200, latest);
        assertThat(queries).hasValue(before);
    }
}
