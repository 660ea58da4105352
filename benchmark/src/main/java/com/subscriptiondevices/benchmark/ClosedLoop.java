package com.subscriptiondevices.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;

/**
 * A closed-loop load: each client sends its next request when the previous one answered, as fast as
 * the service allows. A round runs for warm-up plus duration; only requests that start and end inside
 * the measured window count. Latency is each request's own time (no coordinated-omission correction:
 * closed-loop clients wait, they never queue).
 */
final class ClosedLoop {

    /** One request of a client: null when the answer was the expected one, else what was wrong. */
    interface Call extends AutoCloseable {

        String call() throws Exception;

        /** Closes the client's connection when the round ends. */
        @Override
        void close();

        static Call on(LoadClient client, Request request) {
            return new Call() {
                @Override
                public String call() throws Exception {
                    return request.send(client);
                }

                @Override
                public void close() {
                    client.close();
                }
            };
        }
    }

    /** What a client sends each time, on its own connection. */
    @FunctionalInterface
    interface Request {
        String send(LoadClient client) throws Exception;
    }

    private ClosedLoop() {}

    static Round run(int clients, IntFunction<Call> clientFactory, Duration warmup, Duration duration, long servicePid)
            throws InterruptedException {
        List<Call> calls = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            calls.add(clientFactory.apply(i));
        }
        Histogram[] histograms = new Histogram[clients];
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<String> errorSamples = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch go = new CountDownLatch(1);
        long[] window = new long[2];
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            int client = i;
            histograms[client] = Round.newHistogram();
            Thread thread = new Thread(
                    () -> {
                        try {
                            go.await();
                        } catch (InterruptedException e) {
                            return;
                        }
                        long measureFrom = window[0];
                        long measureTo = window[1];
                        Call call = calls.get(client);
                        while (!Thread.currentThread().isInterrupted()) {
                            long started = System.nanoTime();
                            if (started >= measureTo) {
                                break;
                            }
                            String error;
                            try {
                                error = call.call();
                            } catch (InterruptedException e) {
                                break;
                            } catch (Exception e) {
                                error = e.toString();
                            }
                            long ended = System.nanoTime();
                            if (error != null && !alive(servicePid)) {
                                break; // the suite reports the service's exit after the round
                            }
                            if (started >= measureFrom && ended <= measureTo) {
                                if (error == null) {
                                    Latencies.record(histograms[client], ended - started);
                                    ok.incrementAndGet();
                                } else {
                                    errors.incrementAndGet();
                                    if (errorSamples.size() < 5) {
                                        errorSamples.add(error);
                                    }
                                }
                            }
                        }
                    },
                    "load-client-" + client);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        long start = System.nanoTime();
        window[0] = start + warmup.toNanos();
        window[1] = window[0] + duration.toNanos();
        go.countDown();
        sleepUntil(window[0]);
        CpuMeter cpu = new CpuMeter(servicePid).start();
        sleepUntil(window[1]);
        CpuMeter.CpuUsage usage = cpu.stop(0);
        long joinDeadline =
                System.nanoTime() + Http.REQUEST_TIMEOUT.plusSeconds(5).toNanos();
        for (Thread thread : threads) {
            long left = Math.max(1, (joinDeadline - System.nanoTime()) / 1_000_000);
            thread.join(left);
            if (thread.isAlive()) {
                thread.interrupt();
            }
        }
        calls.forEach(Call::close);
        Histogram all = Round.newHistogram();
        for (Histogram histogram : histograms) {
            all.add(histogram);
        }
        double seconds = duration.toNanos() / 1e9;
        return new Round(ok.get() / seconds, all, ok.get(), errors.get(), List.copyOf(errorSamples), usage);
    }

    static boolean alive(long pid) {
        return pid <= 0 || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            Thread.sleep(Math.max(1, left / 1_000_000), (int) (left % 1_000_000));
        }
    }
}
