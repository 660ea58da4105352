package com.subscriptiondevices.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The change notifications' throughput (README, "Benchmarks", bench/notifications): the write path with
 * no listener and with {@code --listeners} (10) registered, in alternating rounds on the same warm
 * service, and the hub's deliveries to a local listener meanwhile: deliveries per second and the latency
 * from each event's commit (its CloudEvent {@code time}) to the listener's receipt. The listener is a
 * plain-socket HTTP/1.1 server in this process ({@link Sink}) that answers 204 at once. It runs against a service already
 * started (bench/notifications starts it), with a dev-token secret it is given.
 */
public final class NotificationBenchmark {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final Pattern TIME = Pattern.compile("\"time\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern SUBSCRIPTION =
            Pattern.compile("\"source\"\\s*:\\s*\"[^\"]*/subscriptions/([0-9a-f-]{36})\"");

    private final int port;
    private final long servicePid;
    private final String token;
    private final String org = "bench-hub";
    private final HttpClient http = HttpClient.newHttpClient();
    /** Deliveries of the events of the phase in hand: those about its subscriptions. */
    private final AtomicLong delivered = new AtomicLong();
    /** Deliveries of earlier phases' events, counted apart (there should be none). */
    private final AtomicLong strays = new AtomicLong();

    private volatile Set<String> phaseSubscriptions = Set.of();
    private final Recorder deliveryLatency = new Recorder(3);
    private volatile Instant lastDelivery = Instant.EPOCH;

    private NotificationBenchmark(int port, String secret, long servicePid) {
        this.port = port;
        this.servicePid = servicePid;
        this.token = DevJwt.mint(
                secret,
                List.of("bench-hub"),
                List.of("devices:read", "devices:write", "devices:events"),
                Instant.now(),
                Duration.ofHours(2));
    }

    public static void main(String[] args) throws Exception {
        int port = 18081;
        String secret = null;
        long servicePid = 0;
        int clients = 8;
        int listeners = 10;
        int rounds = 2;
        Duration measure = Duration.ofSeconds(15);
        Duration warmup = Duration.ofSeconds(20);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--secret" -> secret = args[++i];
                case "--service-pid" -> servicePid = Long.parseLong(args[++i]);
                case "--clients" -> clients = Integer.parseInt(args[++i]);
                case "--listeners" -> listeners = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--seconds" -> measure = Duration.ofSeconds(Long.parseLong(args[++i]));
                case "--warmup-seconds" -> warmup = Duration.ofSeconds(Long.parseLong(args[++i]));
                default -> throw new IllegalArgumentException("Unknown option " + args[i]);
            }
        }
        if (secret == null) {
            throw new IllegalArgumentException("--secret: the service's devices.security.dev-jwt-secret");
        }
        if (listeners < 1) {
            throw new IllegalArgumentException("--listeners: at least 1 (each round compares writes with and without)");
        }
        new NotificationBenchmark(port, secret, servicePid).run(clients, listeners, rounds, measure, warmup);
    }

    private void run(int clients, int listeners, int rounds, Duration measure, Duration warmup) throws Exception {
        Sink sink = new Sink();
        String callback = "http://127.0.0.1:" + sink.port() + "/hook/";
        System.out.printf(
                Locale.ROOT,
                "Notifications benchmark: service on 127.0.0.1:%d, %d writing clients (POST a device, each to a"
                        + " subscription of its own), %d listeners on a local plain-socket HTTP/1.1 server (204 at once), %d"
                        + " rounds of %d s after %d s of warm-up (and %d s more with the listeners); %d cores%n",
                port,
                clients,
                listeners,
                rounds,
                measure.toSeconds(),
                warmup.toSeconds(),
                warmup.dividedBy(2).toSeconds(),
                Runtime.getRuntime().availableProcessors());
        double capacity = writes(clients, warmup, 0)[0];
        double paced = Math.max(10, capacity / 2);
        warmDeliveries(clients, listeners, callback, warmup.dividedBy(2));
        List<double[]> single = new ArrayList<>();
        List<double[]> singleWith = new ArrayList<>();
        List<double[]> without = new ArrayList<>();
        List<double[]> with = new ArrayList<>();
        List<double[]> pacedWithout = new ArrayList<>();
        List<double[]> pacedWith = new ArrayList<>();
        List<String> deliveries = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            single.add(writes(1, measure, 0));
            without.add(writes(clients, measure, 0));
            pacedWithout.add(writes(clients, measure, paced));
            List<String> registered = new ArrayList<>();
            for (int l = 0; l < listeners; l++) {
                registered.add(register(callback + l));
            }
            double[] one = writes(1, measure, 0);
            singleWith.add(one);
            drain((long) one[3] * listeners, null);
            double[] loaded = writes(clients, measure, 0);
            with.add(loaded);
            deliveries.add(
                    "round " + round + ", " + clients + " clients: " + drain((long) loaded[3] * listeners, measure));
            double[] steady = writes(clients, measure, paced);
            pacedWith.add(steady);
            deliveries.add(String.format(Locale.ROOT, "round %d, %.0f writes/s: ", round, paced)
                    + drain((long) steady[3] * listeners, measure));
            for (String listener : registered) {
                delete(listener);
            }
        }
        System.out.println();
        print("1 client, no listener", single);
        print("1 client, " + listeners + " listeners", singleWith);
        print(clients + " clients, no listener", without);
        print(clients + " clients, " + listeners + " listeners", with);
        print(String.format(Locale.ROOT, "%.0f writes/s, no listener", paced), pacedWithout);
        print(String.format(Locale.ROOT, "%.0f writes/s, %d listeners", paced, listeners), pacedWith);
        System.out.printf(
                Locale.ROOT,
                "ratio with %d listeners (medians): 1 client %.2f, %d clients %.2f (writes/s); at %.0f writes/s the"
                        + " p50 %.2f -> %.2f ms, p99 %.2f -> %.2f ms; service CPU per write %.2f -> %.2f ms"
                        + " (%d clients)%n",
                listeners,
                median(singleWith, 0) / median(single, 0),
                clients,
                median(with, 0) / median(without, 0),
                paced,
                median(pacedWithout, 1),
                median(pacedWith, 1),
                median(pacedWithout, 2),
                median(pacedWith, 2),
                median(without, 4),
                median(with, 4),
                clients);
        deliveries.forEach(System.out::println);
        sink.close();
    }

    /**
     * Runs the delivery path before anything is measured: the warm-up's writes have no listener, so without
     * this the first phase with listeners paid for the JIT compiling the fan-out and the deliveries (a write's
     * CPU twice the second round's, with the compiler threads taking most of a core meanwhile).
     */
    private void warmDeliveries(int clients, int listeners, String callback, Duration duration) throws Exception {
        List<String> registered = new ArrayList<>();
        for (int l = 0; l < listeners; l++) {
            registered.add(register(callback + l));
        }
        drain((long) writes(1, duration.dividedBy(2), 0)[3] * listeners, null);
        drain((long) writes(clients, duration.dividedBy(2), 0)[3] * listeners, null);
        for (String listener : registered) {
            delete(listener);
        }
    }

    /**
     * Waits until the listener has {@code expected} more deliveries than when the phase began (or 2 minutes);
     * with {@code phase}, says how the deliveries went since it began.
     */
    private String drain(long expected, Duration phase) {
        long before = deliveredAtPhase;
        Instant deadline = Instant.now().plusSeconds(120);
        while (delivered.get() - before < expected && Instant.now().isBefore(deadline)) {
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        long count = delivered.get() - before;
        long earlier = strays.getAndSet(0);
        double seconds = Duration.between(phaseStarted, lastDelivery).toNanos() / 1e9;
        Histogram latency = deliveryLatency.getIntervalHistogram();
        return String.format(
                Locale.ROOT,
                "%d of %d deliveries in %.1f s (the %d s of writes and the backlog after them): %.0f deliveries/s;"
                        + " commit to listener p50 %.1f ms, p99 %.1f ms, max %.1f ms%s",
                count,
                expected,
                seconds,
                phase == null ? 0 : phase.toSeconds(),
                count / seconds,
                latency.getValueAtPercentile(50) / 1e6,
                latency.getValueAtPercentile(99) / 1e6,
                latency.getMaxValue() / 1e6,
                earlier == 0 ? "" : "; and " + earlier + " of events written before the phase (see README)");
    }

    private volatile long deliveredAtPhase;
    private volatile Instant phaseStarted = Instant.now();

    /**
     * Writers for a while, closed-loop, or at {@code rate} writes/s in all when it is positive: {writes/s,
     * p50 ms, p99 ms, writes, the service's CPU ms per write (when its pid is known)}.
     */
    private double[] writes(int clients, Duration duration, double rate) throws Exception {
        Recorder latencies = new Recorder(3);
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> threads = new ArrayList<>();
        // the phase's deliveries start with its subscriptions' registrations, which it counts too
        Set<String> subscriptions = ConcurrentHashMap.newKeySet();
        phaseSubscriptions = subscriptions;
        deliveredAtPhase = delivered.get();
        phaseStarted = Instant.now();
        deliveryLatency.reset();
        for (int c = 0; c < clients; c++) {
            String subscription = UUID.randomUUID().toString();
            subscriptions.add(subscription);
            int status = call(
                    "POST",
                    "/v2/orgs/" + org + "/subscriptions",
                    "{\"id\":\"" + subscription + "\",\"legacy_account_id\":1}");
            if (status != 201) {
                throw new IllegalStateException("Could not register a subscription: " + status);
            }
            long interval = rate > 0 ? (long) (1e9 * clients / rate) : 0;
            long offset = interval * c / clients;
            threads.add(new Thread(() -> {
                try (Http1Client client = new Http1Client("127.0.0.1", port, token)) {
                    String path = "/v2/orgs/" + org + "/subscriptions/" + subscription + "/devices";
                    long next = System.nanoTime() + offset;
                    while (running.get()) {
                        if (interval > 0) {
                            LockSupport.parkNanos(next - System.nanoTime());
                            next += interval;
                        }
                        long started = System.nanoTime();
                        int answer = client.post(path, device());
                        if (answer == 201) {
                            latencies.recordValue(Math.max(1, System.nanoTime() - started));
                            done.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                        }
                    }
                } catch (IOException e) {
                    failed.incrementAndGet();
                }
            }));
        }
        double cpuBefore = servicePid > 0 ? ProcStats.processCpuSeconds(servicePid) : 0;
        long started = System.nanoTime();
        threads.forEach(Thread::start);
        LockSupport.parkNanos(duration.toNanos());
        running.set(false);
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (failed.get() > 0) {
            System.out.println("  (" + failed.get() + " writes failed)");
        }
        double cpu = servicePid > 0 ? ProcStats.processCpuSeconds(servicePid) - cpuBefore : 0;
        Histogram histogram = latencies.getIntervalHistogram();
        return new double[] {
            done.get() / seconds,
            histogram.getValueAtPercentile(50) / 1e6,
            histogram.getValueAtPercentile(99) / 1e6,
            done.get() + clients,
            done.get() == 0 ? 0 : cpu * 1000 / done.get()
        };
    }

    private static String device() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return String.format(
                Locale.ROOT,
                "{\"catalogue_commercial_device_id\":\"ROUTER-X1\",\"legacy_account_id\":1,"
                        + "\"mac_address\":\"%02X:%02X:%02X:%02X:%02X:%02X\",\"serial_number\":\"SN-%d\"}",
                random.nextInt(256),
                random.nextInt(256),
                random.nextInt(256),
                random.nextInt(256),
                random.nextInt(256),
                random.nextInt(256),
                random.nextLong(1_000_000_000L));
    }

    private String register(String callback) throws Exception {
        HttpResponse<String> answer = http.send(
                request("/v2/orgs/" + org + "/hub")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"callback\":\"" + callback + "\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher id = ID.matcher(answer.body());
        if (answer.statusCode() != 201 || !id.find()) {
            throw new IllegalStateException("Could not register a listener: " + answer.body());
        }
        return "/v2/orgs/" + org + "/hub/" + id.group(1);
    }

    private void delete(String listener) throws Exception {
        http.send(request(listener).DELETE().build(), HttpResponse.BodyHandlers.discarding());
    }

    private int call(String method, String path, String json) throws Exception {
        return http.send(
                        request(path)
                                .header("Content-Type", "application/json")
                                .method(method, HttpRequest.BodyPublishers.ofString(json))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
    }

    private static void print(String what, List<double[]> rounds) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-30s", what));
        for (double[] round : rounds) {
            line.append(String.format(
                    Locale.ROOT,
                    "  %7.1f writes/s (p50 %.2f ms, p99 %.2f ms, %.2f ms CPU)",
                    round[0],
                    round[1],
                    round[2],
                    round[4]));
        }
        System.out.println(line);
    }

    private static double median(List<double[]> rounds, int index) {
        double[] values = rounds.stream().mapToDouble(r -> r[index]).sorted().toArray();
        return values.length % 2 == 1
                ? values[values.length / 2]
                : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
    }

    /**
     * The listener: HTTP/1.1 on plain sockets, a thread per kept-alive connection, 204 at once. The JDK's
     * HttpServer cost several times more CPU a request, on the two cores the service shares with it.
     */
    private final class Sink implements AutoCloseable {

        private final java.net.ServerSocket server = new java.net.ServerSocket();
        private final List<java.net.Socket> connections = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final byte[] answer = "HTTP/1.1 204 No Content\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

        Sink() throws IOException {
            server.bind(new InetSocketAddress("127.0.0.1", 0), 512);
            Thread acceptor = new Thread(this::accept, "sink-accept");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    java.net.Socket socket = server.accept();
                    socket.setTcpNoDelay(true);
                    connections.add(socket);
                    Thread reader = new Thread(() -> serve(socket), "sink-connection");
                    reader.setDaemon(true);
                    reader.start();
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private void serve(java.net.Socket socket) {
            try (socket;
                    InputStream in = new java.io.BufferedInputStream(socket.getInputStream(), 16384);
                    java.io.OutputStream out = socket.getOutputStream()) {
                while (true) {
                    Http1Client.Response head = Http1Client.readHeaders(in);
                    if (head == null) {
                        return;
                    }
                    byte[] body = in.readNBytes((int) head.contentLength());
                    Instant at = Instant.now();
                    out.write(answer);
                    out.flush();
                    String event = new String(body, StandardCharsets.UTF_8);
                    Matcher subscription = SUBSCRIPTION.matcher(event);
                    if (!subscription.find() || !phaseSubscriptions.contains(subscription.group(1))) {
                        // an event of an earlier phase: written just before the listeners registered
                        strays.incrementAndGet();
                        continue;
                    }
                    Matcher time = TIME.matcher(event);
                    if (time.find()) {
                        long nanos = Duration.between(Instant.parse(time.group(1)), at)
                                .toNanos();
                        deliveryLatency.recordValue(Math.max(1, Math.min(nanos, 60_000_000_000L)));
                    }
                    delivered.incrementAndGet();
                    lastDelivery = at;
                }
            } catch (IOException | RuntimeException gone) {
                // the service closed the connection (idle, or stopping)
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (java.net.Socket socket : connections) {
                socket.close();
            }
        }
    }
}
