package com.subscriptiondevices.readmodel.operations;

/**
 * Where a read model stands. The live version is written in the same transaction as the events it
 * shows, so it is always at the head of the event store; a rebuild's new version catches up beside it.
 *
 * @param processor the processing group that writes the live version (inline, with every command)
 * @param position the last event the live version shows: the head of the event store
 * @param version the live version's number: 1 when first built, one more with every rebuild
 * @param replaying whether a rebuild is filling a new version
 * @param rate events per second: the rebuild's while one runs, else the rate events are written at
 * @param etaSeconds how long until the rebuild catches up at that rate; 0 when none runs, null when unknown
 */
public record ProjectionStatus(
        String name,
        String processor,
        Long position,
        long head,
        long lag,
        Long version,
        boolean replaying,
        double rate,
        Long etaSeconds,
        RebuildStatus rebuild) {}
