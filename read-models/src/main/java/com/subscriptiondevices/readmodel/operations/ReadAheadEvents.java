package com.subscriptiondevices.readmodel.operations;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;

/**
 * The event store as a rebuild's processor reads it: each stream reads ahead on a thread of its own,
 * which fetches the events, upcasts and deserializes them (payload and metadata), while the processor's
 * thread applies the events before them and writes their rows. A replay otherwise does both in turn on
 * one thread and one connection, each waiting for the other. Tokens, order and batches are the store's
 * own; a failure of the reading thread is thrown to the processor where the events run out, and the
 * processor opens a new stream from its last token, as it does with the store's.
 */
final class ReadAheadEvents implements StreamableMessageSource<TrackedEventMessage<?>> {

    private static final Duration POLL = Duration.ofMillis(100);

    private final StreamableMessageSource<TrackedEventMessage<?>> store;
    private final int capacity;
    private final String threadName;

    /** Reads up to {@code capacity} events ahead of the processor. */
    ReadAheadEvents(StreamableMessageSource<TrackedEventMessage<?>> store, int capacity, String threadName) {
        this.store = store;
        this.capacity = capacity;
        this.threadName = threadName;
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken after) {
        Stream stream = new Stream(store.openStream(after), capacity);
        Thread reader = new Thread(stream::read, threadName);
        reader.setDaemon(true);
        stream.reader = reader;
        reader.start();
        return stream;
    }

    @Override
    public TrackingToken createTailToken() {
        return store.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return store.createHeadToken();
    }

    private static final class Stream implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> source;
        private final BlockingQueue<TrackedEventMessage<?>> events;
        private volatile Thread reader;
        private volatile boolean closed;
        private volatile RuntimeException failure;
        private TrackedEventMessage<?> next;

        Stream(BlockingStream<TrackedEventMessage<?>> source, int capacity) {
            this.source = source;
            this.events = new ArrayBlockingQueue<>(capacity);
        }

        /** The reading thread: the store's events, deserialized, into the queue until the stream is closed. */
        void read() {
            try (source) {
                while (!closed) {
                    if (!source.hasNextAvailable((int) POLL.toMillis(), TimeUnit.MILLISECONDS)) {
                        continue;
                    }
                    TrackedEventMessage<?> event = source.nextAvailable();
                    event.getPayload();
                    event.getMetaData();
                    while (!closed && !events.offer(event, POLL.toMillis(), TimeUnit.MILLISECONDS)) {
                        // the processor is behind: wait for room
                    }
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException readFailure) {
                failure = readFailure;
            }
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            if (next == null) {
                next = events.poll();
                if (next == null) {
                    rethrowFailure();
                }
            }
            return Optional.ofNullable(next);
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            if (next == null) {
                next = events.poll(timeout, unit);
                if (next == null) {
                    rethrowFailure();
                }
            }
            return next != null;
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            while (next == null) {
                next = events.poll(POLL.toMillis(), TimeUnit.MILLISECONDS);
                if (next == null) {
                    rethrowFailure();
                }
            }
            TrackedEventMessage<?> event = next;
            next = null;
            return event;
        }

        private void rethrowFailure() {
            RuntimeException failed = failure;
            if (failed != null && events.isEmpty()) {
                throw failed;
            }
        }

        @Override
        public void close() {
            closed = true;
            Thread thread = reader;
            if (thread != null) {
                thread.interrupt();
            }
        }
    }
}
