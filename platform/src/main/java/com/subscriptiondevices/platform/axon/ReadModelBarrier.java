package com.subscriptiondevices.platform.axon;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Read-your-writes across asynchronous projections: after a write, wait until every read model's
 * processor has handled the write's last event. It reads the shared token store, so it holds in one
 * process and in the split deployment alike (the command side never talks to the query side).
 */
@Component
public class ReadModelBarrier {

    private static final Logger log = LoggerFactory.getLogger(ReadModelBarrier.class);

    /**
     * Longest pause between two looks at this process's own processors: a look is a read of memory, so
     * it can be frequent. With the token store's 5 ms, a projection done after 3.2 ms was seen at 6.4 ms
     * (the pauses double from 50 µs), which was most of a single client's write latency.
     */
    private static final long MAX_PAUSE_HERE = 200_000;

    /** Longest pause between two reads of the shared token store (a query each). */
    private static final long MAX_PAUSE_TOKEN_STORE = 5_000_000;

    private final JdbcClient jdbc;
    private final StoredPositions positions;
    private final List<String> processors;
    private final Duration timeout;
    private final ObjectProvider<EventProcessingConfiguration> processing;

    /** Resolved on first use (the command side alone has none); a bean lookup on every poll cost 2.6 % of a write. */
    private volatile Optional<EventProcessingConfiguration> processingHere;

    ReadModelBarrier(
            JdbcClient jdbc,
            StoredPositions positions,
            ObjectProvider<EventProcessingConfiguration> processing,
            @Value("${devices.read-your-writes.processors:device-projection}") List<String> processors,
            @Value("${devices.read-your-writes.timeout:5s}") Duration timeout) {
        this.jdbc = jdbc;
        this.positions = positions;
        this.processors = processors.stream().filter(p -> !p.isBlank()).toList();
        this.timeout = timeout;
        this.processing = processing;
    }

    /**
     * Blocks until the read models show the latest event of the aggregate, or the timeout passes
     * (then the write stands and a warning is logged; reads catch up shortly after).
     */
    public void awaitReadModels(String aggregateIdentifier) {
        if (processors.isEmpty()) {
            return;
        }
        Optional<Long> lastIndex = jdbc.sql("select globalindex from domainevententry"
                        + " where aggregateidentifier = ? order by sequencenumber desc limit 1")
                .param(aggregateIdentifier)
                .query(Long.class)
                .optional();
        if (lastIndex.isEmpty()) {
            return;
        }
        long index = lastIndex.get();
        long deadline = System.nanoTime() + timeout.toNanos();
        long pauseNanos = 50_000;
        for (String processor : processors) {
            while (true) {
                Optional<Boolean> here = processedHere(processor, index);
                if (here.isPresent() ? here.get() : processedByTokenStore(processor, index)) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    log.warn(
                            "Read model {} has not reached event {} of {} within {}; answering anyway",
                            processor,
                            index,
                            aggregateIdentifier,
                            timeout);
                    return;
                }
                LockSupport.parkNanos(pauseNanos);
                pauseNanos = Math.min(pauseNanos * 2, here.isPresent() ? MAX_PAUSE_HERE : MAX_PAUSE_TOKEN_STORE);
            }
        }
    }

    private boolean processedByTokenStore(String processor, long index) {
        List<TrackingToken> tokens = positions.tokens(processor);
        return !tokens.isEmpty() && tokens.stream().allMatch(token -> covers(token, index));
    }

    /**
     * When this process runs the processor for every segment, its in-memory status answers (Axon
     * advances it only after a batch committed). Otherwise the shared token store does.
     */
    private Optional<Boolean> processedHere(String processor, long index) {
        Optional<EventProcessingConfiguration> here = processingHere;
        if (here == null) {
            here = Optional.ofNullable(processing.getIfAvailable());
            processingHere = here;
        }
        if (here.isEmpty()) {
            return Optional.empty();
        }
        return here.get()
                .eventProcessor(processor, StreamingEventProcessor.class)
                .filter(StreamingEventProcessor::isRunning)
                .map(StreamingEventProcessor::processingStatus)
                .filter(statuses -> statuses.values().stream()
                                .mapToDouble(
                                        status -> 1.0 / (status.getSegment().getMask() + 1))
                                .sum()
                        >= 1.0)
                .map(statuses -> statuses.values().stream()
                        .allMatch(status ->
                                status.getTrackingToken() != null && covers(status.getTrackingToken(), index)));
    }

    static boolean covers(TrackingToken token, long index) {
        TrackingToken current = token instanceof ReplayToken replay ? replay.getCurrentToken() : token;
        if (current == null) {
            return false;
        }
        if (current instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getIndex() >= index && !gapAware.getGaps().contains(index);
        }
        return current.position().orElse(-1) >= index;
    }
}
