package com.subscriptiondevices.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
 *
 * <p>And the write ceilings: the statements the service sends for one POST and for one PATCH, in the
 * same transactions and round trips, run by pgbench alone against copies of the tables they write
 * (their indexes included). What the database gives for exactly that work, on the same machine with the
 * service idle, bounds what the service can reach with it.
 */
final class Pgbench {

    static final String TABLE = "bench_event_store";

    /** Copies of the tables a write touches, for the ceilings: scratch name and the table it copies. */
    static final Map<String, String> WRITE_TABLES = Map.of(
            "bench_write_event", "domainevententry",
            "bench_write_claim", "unique_claim",
            "bench_write_subscription", "device_model.subscription_view",
            "bench_write_device", "device_model.device_view",
            "bench_write_v1_device", "v1_device_model.v1_device");

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

    /**
     * The transaction opened by the write's first round trip: pgjdbc sends its {@code BEGIN} with the
     * write's first statements, and a savepoint released at once ahead of them proves the BEGIN took
     * ({@code OpenedTransactions}, {@code WritePipeline}); the pipeline stays open for the write's statements.
     */
    private static final String OPEN =
            """
            \\set seq :seq + 1
            \\startpipeline
            begin;
            savepoint opened_by_its_write;
            release savepoint opened_by_its_write;
            """;

    private static final String APPEND =
            """
            insert into bench_write_event (aggregateidentifier, sequencenumber, type, eventidentifier, metadata,
                payload, payloadrevision, payloadtype, timestamp)
            values (cast(:aggregate as text) || cast(:client_id as text), :seq, 'Subscription',
                cast(gen_random_uuid() as text), convert_to(:metadata, 'UTF8'), convert_to(:payload, 'UTF8'), null,
                :payloadtype, :timestamp);
            """;

    /**
     * A POST's transaction as the service sends it (PostgreSQL's statement log, at the commit that added
     * this, and {@code bench/write-statements.txt}, which a test of the service holds it to): the
     * transaction opened, the event appended, the V1 device's merge, the two uniqueness claims and the V2
     * device's merge (its org from its subscription's row) in one pipeline; the commit: 2 round trips.
     * Each client adds routers to a subscription of its own, as the POST scenario does.
     */
    static final String POST_SCRIPT = OPEN + APPEND
            + """
            merge into bench_write_v1_device t using (select
                cast(md5(cast(:client_id as text) || '-' || cast(:seq as text)) as uuid) as device_id,
                cast(md5(cast(:client_id as text)) as uuid) as subscription_id, cast(:seq as bigint) as legacy_id,
                cast('OTHER' as varchar(10)) as category, cast('ROUTER-X1' as varchar(255)) as catalogue_device_id,
                cast('ACTIVO' as varchar(10)) as status, cast(null as varchar(255)) as contract_document_id,
                cast(:v1details as varchar) as additional_details) s on t.device_id = s.device_id
            when matched then update set subscription_id = s.subscription_id, legacy_id = s.legacy_id,
                category = s.category, catalogue_device_id = s.catalogue_device_id, status = s.status,
                contract_document_id = s.contract_document_id, additional_details = s.additional_details
            when not matched then insert (device_id, subscription_id, legacy_id, category, catalogue_device_id,
                status, contract_document_id, additional_details)
                values (s.device_id, s.subscription_id, s.legacy_id, s.category, s.catalogue_device_id, s.status,
                s.contract_document_id, s.additional_details);
            insert into bench_write_claim (claim_kind, claim_value, owner_id)
            values ('DEVICE_ID', cast(:client_id as text) || '-' || cast(:seq as text), cast(:client_id as text))
            on conflict do nothing;
            insert into bench_write_claim (claim_kind, claim_value, owner_id)
            values ('DEVICE_LEGACY_ID', cast(:client_id as text) || '-' || cast(:seq as text),
                cast(:client_id as text))
            on conflict do nothing;
            merge into bench_write_device t using (select
                cast(md5(cast(:client_id as text) || '-' || cast(:seq as text)) as uuid) as device_id,
                cast(md5(cast(:client_id as text)) as uuid) as subscription_id,
                (select org from bench_write_subscription
                    where subscription_id = cast(md5(cast(:client_id as text)) as uuid)) as org,
                cast(:seq as bigint) as legacy_id, cast('OTHER' as varchar(10)) as category,
                cast(upper(substr(md5(cast(:client_id as text) || cast(:seq as text)), 1, 12)) as varchar(17))
                    as mac_address,
                cast('BENCH-' || md5(cast(:seq as text) || cast(:client_id as text)) as varchar(255))
                    as serial_number,
                cast(null as varchar(20)) as iccid, cast(null as varchar(15)) as imsi,
                cast('490154203237518' as varchar(15)) as imei, cast(1 as bigint) as version,
                cast(:details as varchar) as details) s on t.device_id = s.device_id
            when matched then update set subscription_id = s.subscription_id, org = s.org, legacy_id = s.legacy_id,
                category = s.category, mac_address = s.mac_address, serial_number = s.serial_number,
                iccid = s.iccid, imsi = s.imsi, imei = s.imei, version = s.version, details = s.details
            when not matched then insert (device_id, subscription_id, org, legacy_id, category, mac_address,
                serial_number, iccid, imsi, imei, version, details)
                values (s.device_id, s.subscription_id, s.org, s.legacy_id, s.category, s.mac_address,
                s.serial_number, s.iccid, s.imsi, s.imei, s.version, s.details);
            \\endpipeline
            commit;
            """;

    /**
     * A PATCH's transaction as the service sends it, for the PATCH scenario's change (a new serial number
     * of one router): the transaction opened, the event appended, the V1 row's update, the V2 row's update
     * and the commit in one pipeline (none of its statements needs its outcome, so the commit goes with
     * them): 1 round trip, all on one device.
     */
    static final String PATCH_SCRIPT = OPEN + APPEND
            + """
            update bench_write_v1_device set catalogue_device_id = 'ROUTER-X1', status = 'ACTIVO',
                contract_document_id = null,
                additional_details = case when category = 'SIM' then '{}' else cast(:v1details as text) end
            where device_id = cast(md5('hot') as uuid);
            update bench_write_device set mac_address = 'AABBCCDDEEFF', serial_number = 'HOT-' || cast(:seq as text),
                iccid = null, imsi = null, imei = '490154203237518', version = cast(:seq as bigint),
                details = cast(:details as text)
            where device_id = cast(md5('hot') as uuid);
            commit;
            \\endpipeline
            """;

    /** The rows the ceilings start from after each emptying: a subscription per client, the hot device. */
    private static final String WRITE_ROWS =
            """
            insert into bench_write_subscription (subscription_id, org, legacy_id, legacy_account_id)
                select cast(md5(cast(c as text)) as uuid), 'yoigo', c, 4711 from generate_series(0, 1023) c;
            insert into bench_write_device (device_id, subscription_id, org, legacy_id, category, mac_address,
                serial_number, imei, version, details)
                values (cast(md5('hot') as uuid), cast(md5('0') as uuid), 'yoigo', 1, 'OTHER', 'AABBCCDDEEFF',
                'HOT-0', '490154203237518', 1, '{}');
            insert into bench_write_v1_device (device_id, subscription_id, legacy_id, category, catalogue_device_id,
                status, additional_details)
                values (cast(md5('hot') as uuid), cast(md5('0') as uuid), 1, 'OTHER', 'ROUTER-X1', 'ACTIVO', '{}');
            """;

    private final Options options;
    private final Path directory;
    private final Path script;
    private final Map<String, String> variables;
    private final List<String> tables;
    private final String rows;

    private Pgbench(
            Options options,
            Path directory,
            Path script,
            Map<String, String> variables,
            List<String> tables,
            String rows) {
        this.options = options;
        this.directory = directory;
        this.script = script;
        this.variables = variables;
        this.tables = tables;
        this.rows = rows;
    }

    static Pgbench prepare(Connection jdbc, Options options, Path directory, EventRow row)
            throws SQLException, IOException {
        try (Statement statement = jdbc.createStatement()) {
            statement.execute("drop table if exists " + TABLE);
            statement.execute("create table " + TABLE + " (like domainevententry including all)");
        }
        Path script = write(directory, "pgbench-insert-event.sql", SCRIPT);
        return new Pgbench(options, directory, script, eventVariables(row), List.of(TABLE), null);
    }

    /**
     * The ceilings: {@code [a POST's statements, a PATCH's statements]}, on copies of the tables they write,
     * with the details of a real device of this run ({@code deviceId}) as the rows' JSON.
     */
    static List<Pgbench> prepareWrites(Connection jdbc, Options options, Path directory, EventRow row, String deviceId)
            throws SQLException, IOException {
        try (Statement statement = jdbc.createStatement()) {
            for (Map.Entry<String, String> table : WRITE_TABLES.entrySet()) {
                statement.execute("drop table if exists " + table.getKey());
                statement.execute("create table " + table.getKey() + " (like " + table.getValue() + " including all)");
            }
        }
        Map<String, String> variables = eventVariables(row);
        variables.put(
                "details", single(jdbc, "select details from device_model.device_view where device_id = ?", deviceId));
        variables.put(
                "v1details",
                single(jdbc, "select additional_details from v1_device_model.v1_device where device_id = ?", deviceId));
        List<String> tables = List.copyOf(WRITE_TABLES.keySet());
        return List.of(
                new Pgbench(
                        options,
                        directory,
                        write(directory, "pgbench-post.sql", POST_SCRIPT),
                        variables,
                        tables,
                        WRITE_ROWS),
                new Pgbench(
                        options,
                        directory,
                        write(directory, "pgbench-patch.sql", PATCH_SCRIPT),
                        variables,
                        tables,
                        WRITE_ROWS));
    }

    static void drop(Connection jdbc) throws SQLException {
        try (Statement statement = jdbc.createStatement()) {
            statement.execute("drop table if exists " + TABLE);
            for (String table : WRITE_TABLES.keySet()) {
                statement.execute("drop table if exists " + table);
            }
        }
    }

    private static Map<String, String> eventVariables(EventRow row) {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("aggregate", "bench-" + System.currentTimeMillis() + "-");
        variables.put("payload", row.payload());
        variables.put("metadata", row.metadata());
        variables.put("payloadtype", row.payloadType());
        variables.put("timestamp", row.timestamp());
        return variables;
    }

    private static Path write(Path directory, String name, String script) throws IOException {
        Files.createDirectories(directory);
        return Files.writeString(directory.resolve(name), script);
    }

    private static String single(Connection jdbc, String sql, String id) throws SQLException {
        try (PreparedStatement query = jdbc.prepareStatement(sql)) {
            query.setObject(1, java.util.UUID.fromString(id));
            try (ResultSet result = query.executeQuery()) {
                if (!result.next()) {
                    throw new IllegalStateException("No row for " + id + ": " + sql);
                }
                return result.getString(1);
            }
        }
    }

    /** A real event of this run: what one append writes. */
    record EventRow(String payload, String metadata, String payloadType, String timestamp) {

        int bytes() {
            return payload.getBytes(StandardCharsets.UTF_8).length + metadata.getBytes(StandardCharsets.UTF_8).length;
        }
    }

    /**
     * Runs pgbench for {@code duration} with {@code clients} connections (on emptied tables) and
     * returns its tps, its per-transaction latencies (from its own log) and its CPU time.
     */
    Round run(Connection jdbc, int clients, Duration duration, boolean record, long servicePid)
            throws IOException, InterruptedException, SQLException {
        try (Statement statement = jdbc.createStatement()) {
            statement.execute("truncate " + String.join(", ", tables) + " restart identity");
            if (rows != null) {
                statement.execute(rows);
            }
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

    /**
     * A script's round trips in the form of {@code bench/write-statements.txt}: separated by " | ", the
     * statements of one (a pipeline) by " + ", each as its verb and the table it copies; {@code begin}
     * rides with the statement after it, as pgjdbc sends it.
     */
    static String roundTrips(String script) {
        List<String> trips = new ArrayList<>();
        List<String> pipeline = null;
        StringBuilder statement = new StringBuilder();
        for (String line : script.split("\n")) {
            String text = line.strip();
            if (text.equals("\\startpipeline")) {
                pipeline = new ArrayList<>();
            } else if (text.equals("\\endpipeline")) {
                trips.add(String.join(" + ", pipeline));
                pipeline = null;
            } else if (!text.isEmpty() && !text.startsWith("\\")) {
                statement.append(' ').append(text);
                if (text.endsWith(";")) {
                    String normal = normal(statement.toString());
                    statement.setLength(0);
                    if (normal.equals("begin")) {
                        continue;
                    }
                    if (pipeline != null) {
                        pipeline.add(normal);
                    } else {
                        trips.add(normal);
                    }
                }
            }
        }
        return String.join(" | ", trips);
    }

    private static String normal(String sql) {
        String[] words = sql.strip().toLowerCase(java.util.Locale.ROOT).split("[\\s;(]+");
        String verb = words[0];
        String table =
                switch (verb) {
                    case "insert", "merge" -> words[2];
                    case "update" -> words[1];
                    default -> null;
                };
        if (table == null) {
            return verb;
        }
        String copied = WRITE_TABLES.getOrDefault(table, table);
        return verb + " " + copied.substring(copied.lastIndexOf('.') + 1);
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
