package com.subscriptiondevices.readmodel.operations;

import java.time.Instant;

/** The latest rebuild of a read model, as every instance sees it. */
public record RebuildStatus(
        String status,
        Instant startedAt,
        Instant finishedAt,
        String runBy,
        long events,
        Long position,
        Long head,
        Double eventsPerSecond,
        String failure) {}
