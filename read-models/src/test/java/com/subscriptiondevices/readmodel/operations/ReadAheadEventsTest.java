package com.subscriptiondevices.readmodel.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.StreamableMessageSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A rebuild's stream that reads ahead on a thread of its own gives the processor exactly the store's
 * events, in its order and with its tokens, whatever its capacity; a failure of the reading thread
 * reaches the processor once the events before it are taken; closing the stream stops the thread.
 */
class ReadAheadEventsTest {

    private final EmbeddedEventStore store = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine())
            .build();

    @AfterEach
    void shutDown() {
        store.shutDown();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private StreamableMessageSource<TrackedEventMessage<?>> source() {
        return (StreamableMessageSource) store;
    }

    private void append(int events) {
        IntStream.range(0, events)
                .forEach(i ->
                        store.publish(new GenericDomainEventMessage<>("Test", "subscription-" + (i % 7), i / 7, i)));
    }

    @Test
    void the_processor_gets_the_stores_events_in_order_with_their_tokens() throws Exception {
        append(2_500);
        List<TrackedEventMessage<?>> expected = new ArrayList<>();
        try (BlockingStream<TrackedEventMessage<?>> direct = store.openStream(null)) {
            while (direct.hasNextAvailable()) {
                expected.add(direct.nextAvailable());
            }
        }

        List<TrackedEventMessage<?>> read = new ArrayList<>();
        ReadAheadEvents readAhead = new ReadAheadEvents(source(), 100, "test-reader");
        try (BlockingStream<TrackedEventMessage<?>> stream = readAhead.openStream(null)) {
            while (stream.hasNextAvailable(1, TimeUnit.SECONDS)) {
                assertThat(stream.peek()).as("peek shows the next one").isPresent();
                read.add(stream.nextAvailable());
            }
        }

        assertThat(read).hasSize(2_500);
        assertThat(read.stream().map(TrackedEventMessage::getIdentifier).toList())
                .isEqualTo(expected.stream()
                        .map(TrackedEventMessage::getIdentifier)
                        .toList());
        assertThat(read.stream().map(TrackedEventMessage::trackingToken).toList())
                .isEqualTo(expected.stream()
                        .map(TrackedEventMessage::trackingToken)
                        .toList());
        assertThat(read.stream().map(TrackedEventMessage::getPayload).toList())
                .isEqualTo(IntStream.range(0, 2_500).boxed().toList());
    }

    @Test
    void a_stream_opened_after_a_token_starts_after_it() throws Exception {
        append(50);
        TrackingToken after;
        try (BlockingStream<TrackedEventMessage<?>> direct = store.openStream(null)) {
            for (int i = 0; i < 19; i++) {
                direct.nextAvailable();
            }
            after = direct.nextAvailable().trackingToken();
        }

        try (BlockingStream<TrackedEventMessage<?>> stream =
                new ReadAheadEvents(source(), 8, "test-reader").openStream(after)) {
            assertThat(stream.hasNextAvailable(1, TimeUnit.SECONDS)).isTrue();
            assertThat(stream.nextAvailable().getPayload()).isEqualTo(20);
        }
    }

    @Test
    void a_failure_of_the_reading_thread_reaches_the_processor_after_the_events_before_it() throws Exception {
        append(10);
        IllegalStateException failure = new IllegalStateException("the connection broke");
        StreamableMessageSource<TrackedEventMessage<?>> failingAfterFive =
                token -> new FailingAfter(source().openStream(token), 5, failure);

        try (BlockingStream<TrackedEventMessage<?>> stream =
                new ReadAheadEvents(failingAfterFive, 100, "test-reader").openStream(null)) {
            for (int i = 0; i < 5; i++) {
                assertThat(stream.nextAvailable().getPayload()).isEqualTo(i);
            }
            assertThatThrownBy(() -> stream.hasNextAvailable(2, TimeUnit.SECONDS))
                    .isSameAs(failure);
        }
    }

    @Test
    void closing_the_stream_stops_its_reading_thread() throws Exception {
        append(1_000);
        BlockingStream<TrackedEventMessage<?>> stream =
                new ReadAheadEvents(source(), 10, "read-ahead-closing-test").openStream(null);
        assertThat(stream.hasNextAvailable(1, TimeUnit.SECONDS)).isTrue();
        assertThat(readers()).as("reading, blocked on a full queue").isEqualTo(1);

        stream.close();

        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (readers() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(readers()).as("the reading thread is gone").isZero();
    }

    private static long readers() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("read-ahead-closing-test") && thread.isAlive())
                .count();
    }

    /** The store's stream, until it has given {@code events}: then it fails as a broken connection would. */
    private record FailingAfter(BlockingStream<TrackedEventMessage<?>> store, int events, RuntimeException failure)
            implements BlockingStream<TrackedEventMessage<?>> {

        private static final ThreadLocal<int[]> GIVEN = ThreadLocal.withInitial(() -> new int[1]);

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return store.peek();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            if (GIVEN.get()[0] >= events) {
                throw failure;
            }
            return store.hasNextAvailable(timeout, unit);
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            GIVEN.get()[0]++;
            return store.nextAvailable();
        }

        @Override
        public void close() {
            store.close();
        }
    }
}
