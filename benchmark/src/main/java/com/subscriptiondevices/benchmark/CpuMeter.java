package com.subscriptiondevices.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * CPU used over a window: by this harness (the load generator), by the service, and by the whole
 * machine. Shares are of the whole machine (every core), so the three compare directly.
 */
final class CpuMeter {

    static final int CORES = Runtime.getRuntime().availableProcessors();

    private final long servicePid;
    private long wallNanos;
    private long harnessNanos;
    private double serviceSeconds;
    private long[] machine;

    CpuMeter(long servicePid) {
        this.servicePid = servicePid;
    }

    static double harnessCpuSeconds() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean hotspot) {
            return hotspot.getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
    }

    CpuMeter start() {
        wallNanos = System.nanoTime();
        harnessNanos = Math.round(harnessCpuSeconds() * 1e9);
        serviceSeconds = servicePid > 0 ? ProcStats.processCpuSeconds(servicePid) : Double.NaN;
        machine = ProcStats.machineTicks();
        return this;
    }

    /**
     * The window's usage. {@code externalGeneratorSeconds} is CPU of a generator that is not this JVM
     * (pgbench), or 0.
     */
    CpuUsage stop(double externalGeneratorSeconds) {
        double wall = (System.nanoTime() - wallNanos) / 1e9;
        double harness = harnessCpuSeconds() - harnessNanos / 1e9;
        double service = servicePid > 0 ? ProcStats.processCpuSeconds(servicePid) - serviceSeconds : Double.NaN;
        long[] now = ProcStats.machineTicks();
        long total = now[0] - machine[0];
        long idle = now[1] - machine[1];
        double busy = total > 0 ? 100.0 * (total - idle) / total : Double.NaN;
        double generator = harness + externalGeneratorSeconds;
        return new CpuUsage(wall, generator, share(generator, wall), service, share(service, wall), busy);
    }

    private static double share(double cpuSeconds, double wallSeconds) {
        return wallSeconds > 0 ? 100.0 * cpuSeconds / (wallSeconds * CORES) : Double.NaN;
    }

    /** Seconds of CPU and shares in % of the whole machine over a window of {@code wallSeconds}. */
    record CpuUsage(
            double wallSeconds,
            double generatorSeconds,
            double generatorPercent,
            double serviceSeconds,
            double servicePercent,
            double machineBusyPercent) {}
}
