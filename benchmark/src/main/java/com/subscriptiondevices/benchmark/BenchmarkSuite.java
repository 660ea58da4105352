package com.subscriptiondevices.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * The benchmark suite: starts the service on PostgreSQL, loads the dataset, measures start-up,
 * runs every baseline and scenario in interleaved rounds (so a baseline and the scenario compared
 * with it see the same machine, however noisy), prints one table, and writes it as JSON and CSV.
 * Missed targets are results, not failures: it exits 0 unless the run itself broke.
 */
public final class BenchmarkSuite {

    static final String DEVICE_PROJECTION = "device-projection";
    static final List<String> READ_MODELS = List.of(DEVICE_PROJECTION, "v1-device-projection", "sim-swap-projection");

    private final Options options;
    private final long startedNanos = System.nanoTime();
    private final Instant startedAt = Instant.now();
    private final String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC)
            .format(startedAt);
    private volatile ServiceProcess service;
    private Path serviceLog;

    private BenchmarkSuite(Options options) {
        this.options = options;
    }

    public static void main(String[] args) {
        if (Arrays.asList(args).contains("--help")) {
            System.out.print(Options.USAGE);
            return;
        }
        Options options;
        try {
            options = Options.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println(e.getMessage());
            }
            System.err.print(Options.USAGE);
            System.exit(2);
            return;
        }
        if (options.validateOnly()) {
            return; // bench/run checks the options before it drops the database
        }
        int status;
        try {
            status = new BenchmarkSuite(options).run();
        } catch (Exception e) {
            System.err.println("The benchmark run failed: " + e);
            e.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    private int run() throws Exception {
        Files.createDirectories(options.results());
        Path work = options.results().resolve("work-" + stamp);
        serviceLog = options.results().resolve("service-" + stamp + ".log");
        Path generatorLog = options.results().resolve("generator-" + stamp + ".log");
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopService, "stop-service"));
        try (Connection jdbc = JdbcRebuild.connect(options)) {
            Map<String, Object> machine = Machine.describe(jdbc);
            say("Machine: " + Machine.summary(machine) + "; " + Machine.load(machine));
            say(String.format(
                    Locale.ROOT,
                    "Dataset: %,d subscriptions, %,d devices (%,d events); rounds %d × (%d s warm-up + %d s); service log %s",
                    options.subscriptions(),
                    options.devices(),
                    options.datasetEvents(),
                    options.rounds(),
                    options.warmup().toSeconds(),
                    options.duration().toSeconds(),
                    serviceLog));
            try {
                return measure(jdbc, machine, work, generatorLog);
            } finally {
                stopService();
                try {
                    Pgbench.drop(jdbc);
                    JdbcRebuild.drop(jdbc);
                } catch (SQLException ignored) {
                    // scratch tables; the next run drops the database anyway
                }
                deleteTree(work);
            }
        }
    }

    private int measure(Connection jdbc, Map<String, Object> machine, Path work, Path generatorLog) throws Exception {
        String base = options.baseUrl();
        Instant now = Instant.now();
        Duration ttl = Duration.ofHours(12);
        String adminToken = DevJwt.mint(Options.SECRET, List.of(Options.ORG), DevJwt.ALL_SCOPES, now, ttl);
        String readToken = DevJwt.mint(Options.SECRET, List.of(Options.ORG), List.of("devices:read"), now, ttl);
        String fraudToken = DevJwt.mint(Options.SECRET, List.of(Options.ORG), List.of("sim-swap:check"), now, ttl);
        String writeToken =
                DevJwt.mint(Options.SECRET, List.of(Options.ORG), List.of("devices:read", "devices:write"), now, ttl);
        ServiceApi api = new ServiceApi(base, adminToken);
        Workloads.Clients http = token -> LoadClient.create(options.httpClient(), options.port(), token);

        // Start-up on the empty database: Flyway creates every table.
        service = ServiceProcess.start(options, serviceLog);
        double emptyStartup = service.awaitReady(base, Duration.ofMinutes(3));
        say(String.format(
                Locale.ROOT, "Service ready in %.2f s on the empty database (pid %d)", emptyStartup, service.pid()));

        // The dataset, written into the event store by hand, then each read model rebuilt from it (they are
        // written with the commands, so they hold none of it yet).
        double generated = Dataset.generate(options, generatorLog);
        say(String.format(Locale.ROOT, "Dataset written in %.1f s; the read models are built from it...", generated));
        long buildStart = System.nanoTime();
        for (String model : READ_MODELS) {
            api.rebuild(model, Duration.ofSeconds(600 + options.datasetEvents() / 200));
        }
        double caughtUp = (System.nanoTime() - buildStart) / 1e9;
        say(String.format(
                Locale.ROOT,
                "Read models built in %.1f s (%,.0f events/s, one model after the other)",
                caughtUp,
                READ_MODELS.size() * options.datasetEvents() / caughtUp));
        // Planner statistics for the read models, as autovacuum would collect them after a bulk load
        // (this machine kind runs PostgreSQL with autovacuum off). Without them PostgreSQL's generic
        // plan for a MAC lookup hashed the whole org: ~100 requests/s, bounded by the database.
        try (var statement = jdbc.createStatement()) {
            statement.execute("analyze");
        }

        // Start-up on the loaded dataset.
        List<Double> startups = new ArrayList<>();
        for (int i = 1; i <= options.restarts(); i++) {
            service.stop();
            service = ServiceProcess.start(options, serviceLog);
            startups.add(service.awaitReady(base, Duration.ofMinutes(3)));
            say(String.format(
                    Locale.ROOT, "Restart %d/%d: ready in %.2f s", i, options.restarts(), startups.get(i - 1)));
        }
        long pid = service.pid();
        double[] readyMemory = service.memoryMb();

        // Set-up: targets for the reads, a real event for pgbench to copy, the hot device.
        Dataset dataset = Dataset.sample(jdbc);
        String checkSubscription = api.createSubscription();
        String checkDevice = api.addDevice(checkSubscription);
        api.device(checkSubscription, checkDevice);
        Pgbench.EventRow eventRow = lastEvent(jdbc, checkSubscription);
        Pgbench pgbench = Pgbench.prepare(jdbc, options, work, eventRow);
        List<Pgbench> ceilings = Pgbench.prepareWrites(jdbc, options, work, eventRow, checkDevice);
        JdbcRebuild.prepare(jdbc);
        String hotSubscription = api.createSubscription();
        String hotDevice = api.addDevice(hotSubscription);
        say(String.format(
                Locale.ROOT,
                "Set up: %,d devices sampled for reads; pgbench copies a %d-byte DeviceAdded event",
                dataset.size(),
                eventRow.bytes()));

        int clients = options.clients();
        Measurement pg1 = new Measurement("tx/s");
        Measurement pgN = new Measurement("tx/s");
        Measurement postSql = new Measurement("tx/s");
        Measurement patchSql = new Measurement("tx/s");
        Measurement constant = new Measurement("req/s");
        Measurement post = new Measurement("req/s");
        Measurement patch = new Measurement("req/s");
        Measurement getDevice = new Measurement("req/s");
        Measurement byMac = new Measurement("req/s");
        Measurement simSwap = new Measurement("req/s");
        Measurement v1List = new Measurement("req/s");
        Measurement visible = new Measurement("writes/s");
        Measurement answered = new Measurement("writes/s");
        long staleAfter2xx = 0;

        try (MemorySampler memory = new MemorySampler(pid)) {
            memory.phase("http");
            // Warm-up rounds (r < 1) run every HTTP scenario as a measured round does, into measurements
            // that are then dropped: the first minutes of a JIT-compiled service say how fast it compiles.
            for (int r = 1 - options.warmupRounds(); r <= options.rounds(); r++) {
                boolean recorded = r >= 1;
                String round = recorded
                        ? "[round " + r + "/" + options.rounds() + "] "
                        : "[warm-up round " + (r + options.warmupRounds()) + "/" + options.warmupRounds()
                                + ", not recorded] ";
                if (recorded) {
                    pgbench.run(jdbc, 1, options.warmup(), false, pid);
                    report(
                            round + "pgbench insert, 1 client",
                            pg1.add(pgbench.run(jdbc, 1, options.duration(), true, pid)));
                    pgbench.run(jdbc, clients, options.warmup(), false, pid);
                    report(
                            round + "pgbench insert, " + clients + " clients",
                            pgN.add(pgbench.run(jdbc, clients, options.duration(), true, pid)));
                    ceilings.get(0).run(jdbc, clients, options.warmup(), false, pid);
                    report(
                            round + "pgbench, a POST's statements, " + clients + " clients",
                            postSql.add(ceilings.get(0).run(jdbc, clients, options.duration(), true, pid)));
                    ceilings.get(1).run(jdbc, 1, options.warmup(), false, pid);
                    report(
                            round + "pgbench, a PATCH's statements, 1 client",
                            patchSql.add(ceilings.get(1).run(jdbc, 1, options.duration(), true, pid)));
                }
                report(
                        round + "GET /bench/constant",
                        kept(constant, recorded).add(load(clients, Workloads.constant(http), pid)));
                List<String> own = new ArrayList<>();
                for (int i = 0; i < clients; i++) {
                    own.add(api.createSubscription());
                }
                report(
                        round + "POST add device",
                        kept(post, recorded).add(load(clients, Workloads.addDevice(http, writeToken, own), pid)));
                report(
                        round + "PATCH hot device",
                        kept(patch, recorded)
                                .add(load(
                                        1,
                                        Workloads.patchHotDevice(http, writeToken, hotSubscription, hotDevice),
                                        pid)));
                report(
                        round + "GET device",
                        kept(getDevice, recorded)
                                .add(load(clients, Workloads.getDevice(http, readToken, dataset), pid)));
                report(
                        round + "GET devices by MAC",
                        kept(byMac, recorded)
                                .add(load(clients, Workloads.devicesByMac(http, readToken, dataset), pid)));
                report(
                        round + "V1 list",
                        kept(v1List, recorded).add(load(clients, Workloads.v1List(http, readToken, dataset), pid)));
                report(
                        round + "SIM swap check",
                        kept(simSwap, recorded)
                                .add(load(clients, Workloads.simSwapCheck(http, fraudToken, dataset), pid)));
                ReadAfterWrite.Result lag = ReadAfterWrite.run(
                        http, writeToken, api.createSubscription(), options.warmup(), options.duration(), pid);
                report(
                        round + "read-after-write (sent → visible)",
                        kept(visible, recorded).add(lag.visible()));
                kept(answered, recorded).add(lag.answered());
                staleAfter2xx += lag.staleAfter2xx();
            }

            memory.phase("rebuild");
            Measurement plainRebuild = new Measurement("ev/s");
            Measurement rebuild = new Measurement("ev/s");
            Duration rebuildTimeout = Duration.ofSeconds(600 + options.datasetEvents() / 500);
            for (int r = 1; r <= options.rebuildRounds(); r++) {
                String round = "[rebuild " + r + "/" + options.rebuildRounds() + "] ";
                CpuMeter cpu = new CpuMeter(pid).start();
                JdbcRebuild.Result plain = JdbcRebuild.run(options);
                plainRebuild.add(new Round(plain.eventsPerSecond(), null, plain.events(), 0, List.of(), cpu.stop(0)));
                say(String.format(
                        Locale.ROOT,
                        "%splain JDBC loop: %,d events in %.1f s, %,.0f events/s",
                        round,
                        plain.events(),
                        plain.seconds(),
                        plain.eventsPerSecond()));
                cpu = new CpuMeter(pid).start();
                service.requireAlive(round + "the plain JDBC loop", serviceLog);
                JsonNode status = api.rebuild(DEVICE_PROJECTION, rebuildTimeout);
                service.requireAlive(round + "the projection rebuild", serviceLog);
                rebuild.add(new Round(
                        status.get("events_per_second").asDouble(),
                        null,
                        status.get("events").asLong(),
                        0,
                        List.of(),
                        cpu.stop(0)));
                say(String.format(
                        Locale.ROOT,
                        "%sprojection rebuild: %,d events, %,.0f events/s (as the service reports it)",
                        round,
                        status.get("events").asLong(),
                        status.get("events_per_second").asDouble()));
            }
            memory.phase("done");
            double[] endMemory = service.memoryMb();
            Map<String, Double> peaks = memory.peaksMb();

            List<Row> rows = new ArrayList<>();
            Row pgOne = Row.of("Baseline: pgbench INSERT event row", 1, pg1);
            Row pgMany = Row.of("Baseline: pgbench INSERT event row", clients, pgN);
            Row constantRow = Row.of("Baseline: GET /bench/constant (tiny JSON)", clients, constant);
            Row plainRow = Row.of("Baseline: plain JDBC rebuild loop", 1, plainRebuild);
            plainRow.generatorCpuPercent = null;
            rows.addAll(List.of(pgOne, pgMany, constantRow, plainRow));
            rows.add(paired(Row.of("Ceiling: pgbench, a POST's statements", clients, postSql), postSql, pgN)
                    .against("pgbench " + clients + "c", pgN.throughput(), "tx/s"));
            rows.add(paired(Row.of("Ceiling: pgbench, a PATCH's statements", 1, patchSql), patchSql, pg1)
                    .against("pgbench 1c", pg1.throughput(), "tx/s"));
            rows.add(paired(Row.of("POST add device (own subscription each)", clients, post), post, pgN)
                    .against("pgbench " + clients + "c", pgN.throughput(), "tx/s")
                    .target(Target.ratioAtLeast(0.20)));
            rows.add(paired(Row.of("PATCH one device (hot aggregate)", 1, patch), patch, pg1)
                    .against("pgbench 1c", pg1.throughput(), "tx/s")
                    .target(Target.ratioAtLeast(0.30)));
            rows.add(paired(Row.of("GET device (random over dataset)", clients, getDevice), getDevice, constant)
                    .against("constant", constant.throughput(), "req/s")
                    .target(Target.ratioAtLeast(0.50).andP99AtMost(10)));
            rows.add(paired(Row.of("GET devices?mac_address= (random)", clients, byMac), byMac, constant)
                    .against("constant", constant.throughput(), "req/s")
                    .target(Target.ratioAtLeast(0.50)));
            rows.add(paired(Row.of("V1 list only_active=false (random)", clients, v1List), v1List, constant)
                    .against("constant", constant.throughput(), "req/s")
                    .target(Target.ratioAtLeast(0.35)));
            rows.add(paired(Row.of("POST sim-swap/v2/check (random)", clients, simSwap), simSwap, constant)
                    .against("constant", constant.throughput(), "req/s")
                    .target(Target.ratioAtLeast(0.50)));
            rows.add(Row.of("Read-after-write: POST sent → GET 200", 1, visible)
                    .target(Target.p99AtMost(100))
                    .detail("stale_reads_after_2xx", staleAfter2xx));
            rows.add(Row.of("Read-after-write: POST sent → its 2xx", 1, answered)
                    .detail("stale_reads_after_2xx", staleAfter2xx));
            Row rebuildRow = paired(
                            Row.of("Projection rebuild (" + DEVICE_PROJECTION + ")", null, rebuild),
                            rebuild,
                            plainRebuild)
                    .against("JDBC loop", plainRebuild.throughput(), "ev/s")
                    .target(Target.ratioAtLeast(0.80));
            rebuildRow.generatorCpuPercent = null;
            rows.add(rebuildRow);
            double startup = Numbers.median(startups);
            rows.add(new Row("Start-up to ready, loaded (median of " + startups.size() + ")", null, startup, "s")
                    .target(Target.atMost(8))
                    .detail("startups_seconds", startups));
            rows.add(new Row("Start-up to ready, empty database", null, emptyStartup, "s"));
            rows.add(new Row("Service RSS under load (peak, VmHWM)", null, endMemory[1], "MB")
                    .target(Target.atMost(600))
                    .detail("rss_ready_mb", readyMemory[0])
                    .detail("rss_peak_sampled_mb_by_phase", peaks)
                    .detail("rss_at_end_mb", endMemory[0]));

            String table = ResultTable.format(rows);
            List<String> notes = notes(
                    machine,
                    pg1,
                    pgN,
                    constant,
                    post,
                    patch,
                    getDevice,
                    byMac,
                    v1List,
                    simSwap,
                    visible,
                    peaks,
                    endMemory,
                    staleAfter2xx,
                    generated,
                    caughtUp);
            System.out.println();
            System.out.print(table);
            System.out.println();
            notes.forEach(note -> System.out.println("- " + note));
            Path json = options.results().resolve("results-" + stamp + ".json");
            Path csv = options.results().resolve("results-" + stamp + ".csv");
            Results.write(json, csv, results(machine, rows, notes, table, startups, emptyStartup, generated, caughtUp));
            System.out.println();
            System.out.println("Results: " + json + " and " + csv);
            return 0;
        }
    }

    /** The measurement a round's result goes into: the real one, or a scratch one for a warm-up round. */
    private static Measurement kept(Measurement measurement, boolean recorded) {
        return recorded ? measurement : new Measurement(measurement.unit());
    }

    private Round load(int clients, IntFunction<ClosedLoop.Call> workload, long pid) throws InterruptedException {
        return ClosedLoop.run(clients, workload, options.warmup(), options.duration(), pid);
    }

    /** Round-by-round ratios (each round's scenario against the same round's baseline), for the record. */
    private static Row paired(Row row, Measurement scenario, Measurement baseline) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(scenario.rounds().size(), baseline.rounds().size()); i++) {
            ratios.add(scenario.rounds().get(i).throughput()
                    / baseline.rounds().get(i).throughput());
        }
        return row.detail("round_ratios", ratios).detail("median_round_ratio", Numbers.median(ratios));
    }

    private List<String> notes(
            Map<String, Object> machine,
            Measurement pg1,
            Measurement pgN,
            Measurement constant,
            Measurement post,
            Measurement patch,
            Measurement getDevice,
            Measurement byMac,
            Measurement v1List,
            Measurement simSwap,
            Measurement visible,
            Map<String, Double> peaks,
            double[] endMemory,
            long staleAfter2xx,
            double generated,
            double caughtUp) {
        List<Measurement> http = List.of(constant, post, patch, getDevice, byMac, v1List, simSwap, visible);
        double cpuSeconds = 0;
        double wallSeconds = 0;
        for (Measurement measurement : http) {
            for (Round round : measurement.rounds()) {
                cpuSeconds += round.cpu().generatorSeconds();
                wallSeconds += round.cpu().wallSeconds();
            }
        }
        double harnessShare = 100 * cpuSeconds / (wallSeconds * CpuMeter.CORES);
        List<String> notes = new ArrayList<>();
        notes.add(String.format(
                Locale.ROOT,
                "Machine: %s. At the start: %s; at the end: load average %s.",
                Machine.summary(machine),
                Machine.load(machine),
                ProcStats.loadAverage()));
        notes.add(String.format(
                Locale.ROOT,
                "Load generator CPU (share of all %d cores, measured windows only): the harness JVM used %.0f%%"
                        + " over the HTTP scenarios (%.0f CPU-s in %.0f s); pgbench used %s (1 client) and %s"
                        + " (%d clients). \"Gen CPU\" gives it per row; the generator shares the machine with the service"
                        + " and PostgreSQL.",
                CpuMeter.CORES,
                harnessShare,
                cpuSeconds,
                wallSeconds,
                Numbers.percent(pg1.generatorCpuPercent()),
                Numbers.percent(pgN.generatorCpuPercent()),
                options.clients()));
        notes.add(String.format(
                Locale.ROOT,
                "Throughput is the median of %d round(s) of %d s (after %d s of warm-up each), every scenario"
                        + " interleaved with its baseline, after %d unrecorded warm-up round(s) of every HTTP"
                        + " scenario (JIT); latencies are percentiles of all rounds' requests"
                        + " (HdrHistogram; pgbench's from its per-transaction log). Closed loop: each client sends"
                        + " its next request when the previous one answered.",
                options.rounds(),
                options.duration().toSeconds(),
                options.warmup().toSeconds(),
                options.warmupRounds()));
        notes.add(String.format(
                Locale.ROOT,
                "Read-after-write: writes answer only once the read models show them, so a GET after the 2xx"
                        + " always finds the write (%d misses); the row gives what a client waits for, from sending"
                        + " the POST until a concurrent poller's GET returns 200.",
                staleAfter2xx));
        notes.add(String.format(
                Locale.ROOT,
                "Memory: VmRSS peaked at %s MB during the HTTP scenarios and %s MB during the rebuilds; VmHWM"
                        + " %.0f MB (JVM options: %s). Class-data sharing: %s.",
                peaks.containsKey("http") ? String.format(Locale.ROOT, "%.0f", peaks.get("http")) : "–",
                peaks.containsKey("rebuild") ? String.format(Locale.ROOT, "%.0f", peaks.get("rebuild")) : "–",
                endMemory[1],
                options.serviceJvmDescription(),
                ServiceProcess.classDataSharing(options, serviceLog)));
        notes.add(String.format(
                Locale.ROOT,
                "Dataset: %,d subscriptions with %,d devices written by bench/generate-events.sql in %.1f s;"
                        + " the read models were built from its %,d events in %.1f s.",
                options.subscriptions(),
                options.devices(),
                generated,
                options.datasetEvents(),
                caughtUp));
        return notes;
    }

    private Map<String, Object> results(
            Map<String, Object> machine,
            List<Row> rows,
            List<String> notes,
            String table,
            List<Double> startups,
            double emptyStartup,
            double generated,
            double caughtUp) {
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("started_at", startedAt.toString());
        results.put("finished_at", Instant.now().toString());
        results.put("duration_seconds", (System.nanoTime() - startedNanos) / 1e9);
        results.put("machine", machine);
        results.put("options", options.describe());
        Map<String, Object> dataset = new LinkedHashMap<>();
        dataset.put("subscriptions", options.subscriptions());
        dataset.put("devices", options.devices());
        dataset.put("events", options.datasetEvents());
        dataset.put("generated_seconds", generated);
        dataset.put("caught_up_seconds", caughtUp);
        results.put("dataset", dataset);
        results.put("startups_seconds", startups);
        results.put("startup_empty_database_seconds", emptyStartup);
        results.put("rows", rows.stream().map(Row::describe).toList());
        results.put("notes", notes);
        results.put("table", table);
        return results;
    }

    private static Pgbench.EventRow lastEvent(Connection jdbc, String aggregate) throws SQLException {
        try (PreparedStatement select = jdbc.prepareStatement(
                "select convert_from(payload, 'UTF8'), convert_from(metadata, 'UTF8'), payloadtype, timestamp"
                        + " from domainevententry where aggregateidentifier = ? order by sequencenumber desc limit 1")) {
            select.setString(1, aggregate);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("No event of " + aggregate);
                }
                return new Pgbench.EventRow(row.getString(1), row.getString(2), row.getString(3), row.getString(4));
            }
        }
    }

    private void report(String what, Measurement measurement) {
        service.requireAlive(what, serviceLog);
        Round round = measurement.rounds().get(measurement.rounds().size() - 1);
        var latencies = round.latenciesMicros();
        String percentiles = latencies == null || latencies.getTotalCount() == 0
                ? ""
                : String.format(
                        Locale.ROOT,
                        ", p50 %s ms, p99 %s ms",
                        Numbers.milliseconds(latencies.getValueAtPercentile(50) / 1000.0),
                        Numbers.milliseconds(latencies.getValueAtPercentile(99) / 1000.0));
        say(String.format(
                Locale.ROOT,
                "%s: %s%s%s (generator CPU %s, service CPU %s, machine busy %s)",
                what,
                Numbers.value(round.throughput(), measurement.unit()),
                percentiles,
                round.errors() > 0 ? ", " + round.errors() + " errors, e.g. " + round.errorSamples() : "",
                Numbers.percent(round.cpu().generatorPercent()),
                Numbers.percent(round.cpu().servicePercent()),
                Numbers.percent(round.cpu().machineBusyPercent())));
    }

    private void say(String line) {
        long seconds = (System.nanoTime() - startedNanos) / 1_000_000_000L;
        System.out.printf(Locale.ROOT, "[%02d:%02d] %s%n", seconds / 60, seconds % 60, line);
        System.out.flush();
    }

    private void stopService() {
        ServiceProcess running = service;
        if (running != null) {
            running.close();
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a leftover scratch folder under bench-results
        }
    }
}
