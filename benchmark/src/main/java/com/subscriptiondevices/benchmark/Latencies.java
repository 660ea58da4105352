package com.subscriptiondevices.benchmark;

import org.HdrHistogram.Histogram;

/** Latencies are recorded in microseconds, up to a minute. */
final class Latencies {

    static final long HIGHEST_MICROS = 60_000_000L;

    private Latencies() {}

    static void record(Histogram histogram, long nanos) {
        histogram.recordValue(Math.max(1, Math.min(HIGHEST_MICROS, nanos / 1_000)));
    }
}
