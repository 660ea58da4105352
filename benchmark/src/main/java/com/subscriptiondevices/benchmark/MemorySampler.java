package com.subscriptiondevices.benchmark;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The service's resident memory (VmRSS), sampled every 250 ms; the largest sample per phase is kept. */
final class MemorySampler implements AutoCloseable {

    private final long pid;
    private final Map<String, Double> peakMb = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile String phase = "idle";
    private volatile boolean running = true;

    MemorySampler(long pid) {
        this.pid = pid;
        this.thread = new Thread(this::sample, "rss-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    void phase(String phase) {
        this.phase = phase;
    }

    Map<String, Double> peaksMb() {
        return Map.copyOf(peakMb);
    }

    private void sample() {
        while (running) {
            Long kb = ProcStats.memoryKb(pid).get("VmRSS");
            if (kb != null) {
                peakMb.merge(phase, kb / 1024.0, Math::max);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
