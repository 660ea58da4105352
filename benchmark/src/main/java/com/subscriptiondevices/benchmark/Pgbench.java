package com.subscriptiondevices.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * The write baseline: pgbench appending event-sized rows, one per transaction, to a copy of the
 * event store's table ({@code LIKE domainevententry INCLUDING ALL}: the same columns, identity and
 * unique indexes on (aggregate, sequence number) and on the event id). Each client appends to an
 * aggregate of its own with increasing sequence numbers, as a client writing to its own subscription
 * does. The row is a copy of a real DeviceAdded event of this run.
 */
final class Pgbench {

    static final String TABLE = "bench_event_store";

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
    private static final Pattern FAILED = Pattern.compile("number of failed transactions: (\\d+)");
    private static final Pattern TIMES = Pattern.compile("(\\d+)m([0-9.]+)s\\s+(\\d+)m([0-9.]+)s");

    /** Variables go in as bind parameters (-M prepared), so the JSON needs no quoting in the script. */
    static final String SCRIPT =
            """
            \\set seq :seq + 1
            insert into bench_event_store (aggregateidentifier, sequencenumber, type, eventidentifier, metadata,
                payload, payloadrevision, payloadtype, timestamp)
            values (cast(:aggregate as text) || cast(:client_id as text), :seq, 'Subscription',
                cast(gen_random_uuid() as text), convert_to(:metadata, 'UTF8'), convert_to(:payload, 'UTF8'), '1',
                :payloadtype, :timestamp);
            """;

    private final Options options;
    private final Path directory;
    private final Path script;
    private final Map<String, String> variables;

    private Pgbench(Options options, Path directory, Path script, Map<String, String> variables) {
        this.options = options;
        this.directory = directory;
        this.script = script;
        this.variables = variables;
    }

    static Pgbench prepare(Connection jdbc, Options options, Path directory, EventRow row)
            throws SQLException, IOException {
        try (Statement statement = jdbc.createStatement()) {
            statement.execute("drop table if exists " + TABLE);
            statement.execute("create table " + TABLE + " (like domainevententry including all)");
        }
        Files.createDirectories(directory);
        Path script = directory.resolve("pgbench-insert-event.sql");
        Files.writeString(script, SCRIPT);
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("aggregate", "bench-" + System.currentTimeMillis() + "-");
        variables.put("payload", row.payload());
        variables.put("metadata", row.metadata());
        variables.put("payloadtype", row.payloadType());
        variables.put("timestamp", row.timestamp());
        return new Pgbench(options, directory, script, variables);
    }

    static void drop(Connection jdbc) throws SQLException {
        try (Statement statement = jdbc.createStatement()) {
            statement.execute("drop table if exists " + TABLE);
        }
    }

    /** A real event of this run: what one append writes. */
    record EventRow(String payload, String metadata, String payloadType, String timestamp) {

        int bytes() {
            return payload.getBytes(StandardCharsets.UTF_8).length + metadata.getBytes(StandardCharsets.UTF_8).length;
        }
    }

    /**
     * Runs pgbench for {@code duration} with {@code clients} connections (on an emptied table) and
     * returns its tps, its per-transaction latencies (from its own log) and its CPU time.
     */
    Round run(Connection jdbc, int clients, Duration duration, boolean record, long servicePid)
            throws IOException, InterruptedException, SQLException {
        try (Statement statement = jdbc.createStatement()) {
            statement.execute("truncate " + TABLE + " restart identity");
        }
        String logPrefix = directory.resolve("pgbench-log").toString();
        deleteLogs();
        List<String> command = new ArrayList<>(
                List.of("bash", "-c", "\"$@\"; status=$?; times; exit $status", "pgbench", options.pgbench()));
        command.addAll(List.of("-h", options.pgHost(), "-p", Integer.toString(options.pgPort())));
        command.addAll(List.of("-U", options.pgUser(), "-n", "-M", "prepared", "-f", script.toString()));
        command.addAll(
                List.of("-c", Integer.toString(clients), "-j", Integer.toString(Math.min(clients, CpuMeter.CORES))));
        command.addAll(List.of("-T", Long.toString(Math.max(1, Math.round(duration.toMillis() / 1000.0)))));
        command.addAll(List.of("-D", "seq=0"));
        variables.forEach((name, value) -> command.addAll(List.of("-D", name + "=" + value)));
        if (record) {
            command.addAll(List.of("-l", "--log-prefix=" + logPrefix));
        }
        command.add(options.database());
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).directory(directory.toFile());
        if (!options.pgPassword().isEmpty()) {
            builder.environment().put("PGPASSWORD", options.pgPassword());
        }
        CpuMeter cpu = new CpuMeter(servicePid).start();
        Process process = builder.start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("pgbench did not finish");
        }
        String output = new String(out, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException("pgbench failed (" + process.exitValue() + "):\n" + output);
        }
        CpuMeter.CpuUsage usage = cpu.stop(childCpuSeconds(output));
        double tps = tps(output);
        long failed = failed(output);
        Histogram latencies = record ? readLogs() : null;
        deleteLogs();
        long ok = latencies == null ? 0 : latencies.getTotalCount();
        return new Round(
                tps, latencies, ok, failed, failed > 0 ? List.of(failed + " failed transactions") : List.of(), usage);
    }

    static double tps(String output) {
        Matcher matcher = TPS.matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException("No tps in pgbench's output:\n" + output);
        }
        return Double.parseDouble(matcher.group(1));
    }

    static long failed(String output) {
        Matcher matcher = FAILED.matcher(output);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
    }

    /** CPU of bash's children (pgbench): the second line bash's {@code times} prints, user plus system. */
    static double childCpuSeconds(String output) {
        Matcher matcher = TIMES.matcher(output);
        double seconds = Double.NaN;
        while (matcher.find()) {
            seconds = Long.parseLong(matcher.group(1)) * 60
                    + Double.parseDouble(matcher.group(2))
                    + Long.parseLong(matcher.group(3)) * 60
                    + Double.parseDouble(matcher.group(4));
        }
        return seconds;
    }

    /** pgbench's per-transaction log: "client_id transaction_no time script_no time_epoch time_us", time in µs. */
    static void addLogLine(Histogram histogram, String line) {
        String[] fields = line.trim().split("\\s+");
        if (fields.length >= 3 && fields[2].chars().allMatch(Character::isDigit)) {
            Latencies.record(histogram, Long.parseLong(fields[2]) * 1_000);
        }
    }

    private Histogram readLogs() throws IOException {
        Histogram histogram = Round.newHistogram();
        try (DirectoryStream<Path> logs = Files.newDirectoryStream(directory, "pgbench-log*")) {
            for (Path log : logs) {
                try (var lines = Files.lines(log)) {
                    lines.forEach(line -> addLogLine(histogram, line));
                }
            }
        }
        return histogram;
    }

    private void deleteLogs() throws IOException {
        try (DirectoryStream<Path> logs = Files.newDirectoryStream(directory, "pgbench-log*")) {
            for (Path log : logs) {
                Files.deleteIfExists(log);
            }
        }
    }
}
