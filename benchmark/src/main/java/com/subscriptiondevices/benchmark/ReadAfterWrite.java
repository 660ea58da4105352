package com.subscriptiondevices.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Read-after-write as a client sees it. The service answers a write only once its read models show
 * it (read-your-writes), so "from the 2xx to the read model showing it" is zero by construction;
 * what a client waits for is the time from sending the write until a read returns it. One writer
 * adds a device with an id it chose, while a second connection polls GET for that id (about every
 * millisecond) until it answers 200. Recorded per write: sent → first 200 of the poller, and sent →
 * the POST's 2xx; and whether a GET right after the 2xx ever missed the device (a broken promise).
 */
final class ReadAfterWrite {

    static final Duration VISIBLE_WITHIN = Duration.ofSeconds(10);

    record Result(Round visible, Round answered, long staleAfter2xx) {}

    private ReadAfterWrite() {}

    static Result run(
            Workloads.Clients clients,
            String token,
            String subscriptionId,
            Duration warmup,
            Duration duration,
            long servicePid)
            throws InterruptedException {
        ExecutorService writing = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "read-after-write-writer");
            thread.setDaemon(true);
            return thread;
        });
        try (LoadClient writer = clients.open(token);
                LoadClient reader = clients.open(token)) {
            return run(writing, writer, reader, subscriptionId, warmup, duration, servicePid);
        } finally {
            writing.shutdownNow();
        }
    }

    private static Result run(
            ExecutorService writing,
            LoadClient writer,
            LoadClient reader,
            String subscriptionId,
            Duration warmup,
            Duration duration,
            long servicePid)
            throws InterruptedException {
        String devices = "/v2/orgs/" + Options.ORG + "/subscriptions/" + subscriptionId + "/devices";
        Histogram visible = Round.newHistogram();
        Histogram answered = Round.newHistogram();
        long ok = 0;
        long errors = 0;
        long stale = 0;
        List<String> errorSamples = new ArrayList<>();
        long measureFrom = System.nanoTime() + warmup.toNanos();
        long measureTo = measureFrom + duration.toNanos();
        CpuMeter cpu = null;
        while (true) {
            long sent = System.nanoTime();
            if (sent >= measureTo) {
                break;
            }
            if (cpu == null && sent >= measureFrom) {
                cpu = new CpuMeter(servicePid).start();
            }
            String deviceId = UUID.randomUUID().toString();
            String path = devices + "/" + deviceId;
            long[] answeredAt = {0};
            String error = null;
            long visibleAt = 0;
            try {
                String body = Workloads.terminal(deviceId);
                Future<Integer> post = writing.submit(() -> {
                    int status = writer.post(devices, body);
                    answeredAt[0] = System.nanoTime();
                    return status;
                });
                while (visibleAt == 0 && System.nanoTime() - sent < VISIBLE_WITHIN.toNanos()) {
                    int status = reader.get(path);
                    if (status == 200) {
                        visibleAt = System.nanoTime();
                    } else if (status != 404) {
                        error = "GET answered " + status;
                        break;
                    } else {
                        Thread.sleep(1);
                    }
                }
                int posted = post.get(Http.REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                if (posted != 201) {
                    error = "POST answered " + posted;
                } else if (visibleAt == 0 && error == null) {
                    error = "not visible within " + VISIBLE_WITHIN;
                } else if (reader.get(path) != 200) {
                    stale++;
                }
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                error = e.toString();
            }
            if (error != null && !ClosedLoop.alive(servicePid)) {
                break; // the suite reports the service's exit
            }
            long ended = System.nanoTime();
            if (sent >= measureFrom && ended <= measureTo) {
                if (error == null) {
                    Latencies.record(visible, visibleAt - sent);
                    Latencies.record(answered, answeredAt[0] - sent);
                    ok++;
                } else {
                    errors++;
                    if (errorSamples.size() < 5) {
                        errorSamples.add(error);
                    }
                }
            }
        }
        CpuMeter.CpuUsage usage = (cpu == null ? new CpuMeter(servicePid).start() : cpu).stop(0);
        double rate = ok / (duration.toNanos() / 1e9);
        return new Result(
                new Round(rate, visible, ok, errors, List.copyOf(errorSamples), usage),
                new Round(rate, answered, ok, errors, List.of(), usage),
                stale);
    }
}
