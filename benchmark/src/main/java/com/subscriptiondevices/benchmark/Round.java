package com.subscriptiondevices.benchmark;

import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * One measured round: completed operations per second, their latencies (microseconds, HdrHistogram
 * with 3 significant digits; null when the tool gives none), failures, and the CPU it took.
 */
record Round(
        double throughput,
        Histogram latenciesMicros,
        long ok,
        long errors,
        List<String> errorSamples,
        CpuMeter.CpuUsage cpu) {

    static Histogram newHistogram() {
        return new Histogram(Latencies.HIGHEST_MICROS, 3);
    }
}
