package com.subscriptiondevices.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one run measures and where. {@code bench/run} passes its arguments on; every option has a
 * default, so the suite needs none.
 *
 * @param devices devices in the dataset, spread {@code devicesPerSubscription} to a subscription
 * @param warmup load before each measured round, not recorded
 * @param duration the measured part of each round
 * @param rounds rounds of every throughput scenario and its baseline, interleaved; medians are quoted
 * @param warmupRounds unrecorded rounds of every HTTP scenario before the measured ones: the JIT's
 *     warm-up, so that the rounds measure the service as it runs, not as it compiles
 * @param rebuildRounds rounds of the projection rebuild and its JDBC baseline
 * @param restarts restarts on the loaded dataset whose start-up times give the median
 * @param httpClient the load generator's HTTP client: {@code raw} (lean HTTP/1.1 on sockets) or {@code jdk}
 */
record Options(
        long devices,
        int devicesPerSubscription,
        Duration warmup,
        Duration duration,
        int rounds,
        int warmupRounds,
        int rebuildRounds,
        int restarts,
        int clients,
        String httpClient,
        boolean quick,
        String database,
        String pgHost,
        int pgPort,
        String pgUser,
        String pgPassword,
        int port,
        Path serviceJar,
        List<String> serviceJvmOptions,
        Path repository,
        Path results,
        String pgbench,
        Path servicePidFile,
        boolean validateOnly) {

    static final String ORG = "yoigo";
    static final String SECRET = "benchmark-dev-secret-0123456789abcdef-not-for-production";

    /** README's run layout: the extracted jar, relative to the repository, where the service is started. */
    static final String README_JAR = "service/target/app/subscription-devices.jar";

    /**
     * The JVM options of README's run commands; the service runs with them unless told otherwise. The
     * class-data-sharing archive records the jar's path as the build's training start gave it, so the
     * service starts from the repository root with {@link #README_JAR}.
     */
    static final List<String> README_JVM_OPTIONS = List.of(
            "-XX:+UseSerialGC",
            "-Xmx320m",
            "-Xss512k",
            "-XX:ThreadPriorityPolicy=1",
            "-XX:JavaPriority1_To_OSPriority=19",
            "-XX:SharedArchiveFile=service/target/app/subscription-devices.jsa");

    static final String USAGE =
            """
            Usage: bench/run [options]
              --devices N            devices in the dataset (default 150000: 50,000 subscriptions x 3)
              --devices-per-subscription K   (default 3)
              --quick                a ~2-minute smoke run: 3,000 devices, 1 round of 3 s each
              --skip-build           use the jars as they are
              --duration S           measured seconds of each round (default 15)
              --warmup S             unrecorded seconds before each round (default 5)
              --rounds N             rounds of each scenario and baseline; medians are quoted (default 3)
              --warmup-rounds N      unrecorded rounds of every HTTP scenario first, for the JIT (default 1)
              --rebuild-rounds N     rounds of the rebuild and its baseline (default 3; 1 above 400,000 events)
              --restarts N           restarts on the loaded dataset for the start-up median (default 3)
              --clients N            concurrent clients of the 8-client scenarios (default 8)
              --http-client raw|jdk  the load generator's HTTP client: raw (lean HTTP/1.1, default) or
                                     jdk (java.net.http, ~10x the CPU per request)
              --database NAME        the database, dropped and created by bench/run (default subscription_devices_bench)
              --port P               the service's port (default 18080)
              --service-jvm-options "..."   JVM options of the service (default: README's, -XX:+UseSerialGC
                                     -Xmx320m -Xss512k -XX:SharedArchiveFile=service/target/app/subscription-devices.jsa)
              --results DIR          where results-<timestamp>.json/.csv go (default bench-results)
              --pgbench PATH         (default /usr/bin/pgbench, else pgbench on the PATH)
            PostgreSQL: PGHOST, PGPORT, PGUSER, PGPASSWORD (default 127.0.0.1:5432, postgres, no password).
            """;

    long subscriptions() {
        return (devices + devicesPerSubscription - 1) / devicesPerSubscription;
    }

    /** The service's JVM options as the run's notes name them. */
    String serviceJvmDescription() {
        if (serviceJvmOptions.isEmpty()) {
            return "none, the JVM's defaults";
        }
        String options = String.join(" ", serviceJvmOptions);
        return serviceJvmOptions.equals(README_JVM_OPTIONS) ? options + ", as README's command" : options;
    }

    /** Events the generator writes: two per subscription (registered, with its number), one per device. */
    long datasetEvents() {
        return 2 * subscriptions() + devices;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://" + pgHost + ":" + pgPort + "/" + database;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    static Options parse(String[] args, Map<String, String> env) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> flags = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("Unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            int equals = name.indexOf('=');
            if (equals >= 0) {
                values.put(name.substring(0, equals), name.substring(equals + 1));
            } else if (name.equals("quick")
                    || name.equals("skip-build")
                    || name.equals("help")
                    || name.equals("validate-only")) {
                flags.add(name);
            } else if (i + 1 < args.length) {
                values.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
        }
        if (flags.contains("help")) {
            throw new IllegalArgumentException("");
        }
        boolean quick = flags.contains("quick");
        long devices = longValue(values.remove("devices"), quick ? 3_000 : 150_000);
        int perSubscription = (int) longValue(values.remove("devices-per-subscription"), 3);
        Duration warmup = seconds(values.remove("warmup"), quick ? 1 : 5);
        Duration duration = seconds(values.remove("duration"), quick ? 3 : 15);
        int rounds = (int) longValue(values.remove("rounds"), quick ? 1 : 3);
        int warmupRounds = (int) longValue(values.remove("warmup-rounds"), quick ? 0 : 1);
        long events = (devices + perSubscription - 1) / perSubscription + devices;
        int rebuildRounds = (int) longValue(values.remove("rebuild-rounds"), quick ? 1 : events > 400_000 ? 1 : rounds);
        int restarts = (int) longValue(values.remove("restarts"), quick ? 1 : 3);
        int clients = (int) longValue(values.remove("clients"), 8);
        String httpClient = values.getOrDefault("http-client", "raw");
        values.remove("http-client");
        if (!httpClient.equals("raw") && !httpClient.equals("jdk")) {
            throw new IllegalArgumentException("--http-client is raw or jdk");
        }
        String database = values.getOrDefault("database", "subscription_devices_bench");
        values.remove("database");
        if (!database.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("--database must be a plain lower-case name");
        }
        int port = (int) longValue(values.remove("port"), 18080);
        String jvm = values.remove("service-jvm-options");
        List<String> jvmOptions = jvm == null
                ? README_JVM_OPTIONS
                : jvm.isBlank() ? List.of() : List.of(jvm.trim().split("\\s+"));
        Path results = Path.of(values.getOrDefault("results", "bench-results"))
                .toAbsolutePath()
                .normalize();
        values.remove("results");
        String pgbench = values.remove("pgbench");
        if (pgbench == null) {
            pgbench = Path.of("/usr/bin/pgbench").toFile().canExecute() ? "/usr/bin/pgbench" : "pgbench";
        }
        String pidFile = values.remove("service-pid-file");
        Path repository =
                Path.of(values.getOrDefault("repository", ".")).toAbsolutePath().normalize();
        values.remove("repository");
        String givenJar = values.get("service-jar");
        Path jar = givenJar == null ? Path.of(README_JAR) : Path.of(givenJar).toAbsolutePath();
        values.remove("service-jar");
        if (!values.isEmpty()) {
            throw new IllegalArgumentException("Unknown option(s): --" + String.join(", --", values.keySet()));
        }
        if (devices < 1
                || perSubscription < 1
                || rounds < 1
                || warmupRounds < 0
                || rebuildRounds < 1
                || restarts < 1
                || clients < 1) {
            throw new IllegalArgumentException("Counts must be positive");
        }
        return new Options(
                devices,
                perSubscription,
                warmup,
                duration,
                rounds,
                warmupRounds,
                rebuildRounds,
                restarts,
                clients,
                httpClient,
                quick,
                database,
                env.getOrDefault("PGHOST", "127.0.0.1"),
                Integer.parseInt(env.getOrDefault("PGPORT", "5432")),
                env.getOrDefault("PGUSER", "postgres"),
                env.getOrDefault("PGPASSWORD", ""),
                port,
                jar,
                jvmOptions,
                repository,
                results,
                pgbench,
                pidFile == null ? null : Path.of(pidFile),
                flags.contains("validate-only"));
    }

    private static long longValue(String text, long fallback) {
        if (text == null) {
            return fallback;
        }
        return Long.parseLong(text.replace("_", "").replace(",", ""));
    }

    private static Duration seconds(String text, long fallback) {
        if (text == null) {
            return Duration.ofSeconds(fallback);
        }
        return Duration.ofMillis(Math.round(Double.parseDouble(text) * 1000));
    }

    /** The options as they go into the results file. */
    Map<String, Object> describe() {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("devices", devices);
        description.put("subscriptions", subscriptions());
        description.put("devices_per_subscription", devicesPerSubscription);
        description.put("warmup_seconds", warmup.toMillis() / 1000.0);
        description.put("duration_seconds", duration.toMillis() / 1000.0);
        description.put("rounds", rounds);
        description.put("warmup_rounds", warmupRounds);
        description.put("rebuild_rounds", rebuildRounds);
        description.put("restarts", restarts);
        description.put("clients", clients);
        description.put("http_client", httpClient);
        description.put("quick", quick);
        description.put("database", database);
        description.put("postgres", pgHost + ":" + pgPort);
        description.put("service_port", port);
        description.put("service_jvm_options", serviceJvmOptions);
        return description;
    }
}
