package com.subscriptiondevices.query.operations;

/**
 * Where a read model stands: its processor's position against the head of the event store, how fast
 * it moves, and its latest rebuild.
 *
 * @param rate events per second the processor handled lately (of the rebuild, while one runs)
 * @param etaSeconds how long until it catches up at that rate; 0 when caught up, null when unknown
 */
public record ProjectionStatus(
        String name,
        String processor,
        Long position,
        long head,
        long lag,
        boolean replaying,
        double rate,
        Long etaSeconds,
        RebuildStatus rebuild) {}
