package com.subscriptiondevices.readmodel.device;

import static org.assertj.core.api.Assertions.assertThat;

import com.subscriptiondevices.platform.testing.TestDatabases;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.LongFunction;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every read of the device read model is index-driven whatever the planner knows: on a version whose
 * tables were never analyzed (autovacuum off for them, as a fresh database, a fresh replica or a bulk
 * load has them), with one large org, the statements the store runs are planned as index scans of the
 * index meant for them, both as the driver first sends them (custom plans) and once it has prepared
 * them on the server (generic plans); and a lookup in the large org takes about as long as a read of
 * one device by its primary key, timed here against each other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeviceLookupPlanIT {

    private static final String LARGE_ORG = "large";
    private static final String SMALL_ORG = "small";
    private static final int LARGE_SUBSCRIPTIONS = 25_000;
    private static final int DEVICES_PER_SUBSCRIPTION = 3;
    private static final int SMALL_SUBSCRIPTIONS = 100;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String schema = "device_plans_" + UUID.randomUUID().toString().replace("-", "");
    private SingleConnectionDataSource dataSource;
    private JdbcClient jdbc;
    private JdbcDeviceStore store;

    /** A read the API makes, with the index its plan must scan, for a device of the org at {@code n}. */
    enum Read {
        BY_ID("device_view_pkey", null),
        BY_MAC("device_view_org_mac", n -> new DeviceKeys(mac(n), null, null, null, null)),
        BY_SERIAL("device_view_org_serial", n -> new DeviceKeys(null, "SN-" + n, null, null, null)),
        BY_ICCID("device_view_org_iccid", n -> new DeviceKeys(null, null, iccid(n), null, null)),
        BY_IMSI("device_view_org_imsi", n -> new DeviceKeys(null, null, null, imsi(n), null)),
        BY_IMEI("device_view_org_imei", n -> new DeviceKeys(null, null, null, null, imei(n))),
        /** Either key's index will do. */
        BY_MAC_AND_SERIAL(null, n -> new DeviceKeys(mac(n), "SN-" + n, null, null, null)),
        OF_SUBSCRIPTION("device_view_subscription", null);

        final String index;
        final LongFunction<DeviceKeys> keys;

        Read(String index, LongFunction<DeviceKeys> keys) {
            this.index = index;
            this.keys = keys;
        }
    }

    @BeforeAll
    void aLargeOrgNeverAnalyzed() {
        dataSource = new SingleConnectionDataSource(TestDatabases.main(), TestDatabases.user(), "", true);
        jdbc = JdbcClient.create(dataSource);
        Flyway.configure()
                .dataSource(dataSource)
                .schemas(schema)
                .defaultSchema(schema)
                .createSchemas(true)
                .locations("classpath:db/read-models/device")
                .load()
                .migrate();
        for (String table : List.of("subscription_view", "device_view")) {
            jdbc.sql("alter table " + schema + "." + table + " set (autovacuum_enabled = false)")
                    .update();
        }
        load(LARGE_ORG, 0, LARGE_SUBSCRIPTIONS);
        load(SMALL_ORG, LARGE_SUBSCRIPTIONS, SMALL_SUBSCRIPTIONS);
        store = new JdbcDeviceStore(jdbc, schema);
        assertThat(jdbc.sql("select count(*) from pg_stats where schemaname = ?")
                        .param(schema)
                        .query(Long.class)
                        .single())
                .as("no statistics: the tables were never analyzed")
                .isZero();
    }

    @AfterAll
    void dropSchema() {
        jdbc.sql("drop schema if exists " + schema + " cascade").update();
        dataSource.destroy();
    }

    @ParameterizedTest
    @EnumSource(Read.class)
    void is_planned_as_an_index_scan_custom_and_generic(Read read) {
        long device = LARGE_SUBSCRIPTIONS * DEVICES_PER_SUBSCRIPTION / 2 + 1;
        Statement statement = statement(read, device);
        for (String mode : List.of("force_custom_plan", "force_generic_plan")) {
            jdbc.sql("set plan_cache_mode = " + mode).update();
            JsonNode plan = plan(statement);
            List<JsonNode> scans = scansOf(plan);
            assertThat(scans)
                    .as(mode + " plan of " + read + ": " + plan)
                    .noneMatch(node -> node.get("Node Type").asString().equals("Seq Scan"))
                    .anyMatch(node -> node.get("Relation Name") != null
                            && node.get("Relation Name").asString().equals("device_view")
                            && node.get("Node Type").asString().contains("Index")
                            && (read.index == null
                                    ? node.get("Index Name").asString().startsWith("device_view_org_")
                                    : node.get("Index Name").asString().equals(read.index)));
        }
        jdbc.sql("reset plan_cache_mode").update();
    }

    @ParameterizedTest
    @EnumSource(
            value = Read.class,
            names = {"BY_MAC", "BY_SERIAL", "BY_ICCID", "BY_IMSI", "BY_IMEI"})
    void takes_about_as_long_as_a_read_by_primary_key(Read read) {
        long last = (long) LARGE_SUBSCRIPTIONS * DEVICES_PER_SUBSCRIPTION;
        // warm both (and let the driver prepare the statements on the server, past its threshold of 5)
        timed(300, n -> lookup(read, n));
        timed(300, this::byId);
        double byId = timed(last - 600, this::byId);
        double lookup = timed(last - 600, n -> lookup(read, n));
        System.out.printf(
                "%s: %.3f ms a lookup in an org of %d devices, %.3f ms a read by primary key (never analyzed)%n",
                read, lookup, last, byId);
        // a plan that walks the org's subscriptions takes milliseconds here
        assertThat(lookup).as("ms a lookup").isLessThan(byId * 4 + 0.5);
    }

    /** Milliseconds per read of 300 devices of the large org, from the one at {@code from}. */
    private static double timed(long from, java.util.function.LongConsumer read) {
        long started = System.nanoTime();
        for (long n = from; n < from + 300; n++) {
            read.accept(n);
        }
        return (System.nanoTime() - started) / 1e6 / 300;
    }

    private void lookup(Read read, long device) {
        RowPage page = store.devicesByIdentifier(LARGE_ORG, read.keys.apply(device), 0, 100);
        assertThat(page.rows()).as("device " + device + " by " + read).hasSize(1);
    }

    private void byId(long device) {
        assertThat(store.device(LARGE_ORG, subscriptionId((device - 1) / DEVICES_PER_SUBSCRIPTION), deviceId(device)))
                .as("device " + device)
                .isPresent();
    }

    private record Statement(String sql, List<Object> params) {}

    private Statement statement(Read read, long device) {
        long subscription = (device - 1) / DEVICES_PER_SUBSCRIPTION;
        return switch (read) {
            case BY_ID ->
                new Statement(store.deviceById(), List.of(deviceId(device), subscriptionId(subscription), LARGE_ORG));
            case OF_SUBSCRIPTION -> {
                JdbcDeviceStore.Selection selection = store.ofSubscription(subscriptionId(subscription), null);
                yield new Statement(JdbcDeviceStore.pageOf(selection), selection.withPage(0, 100));
            }
            default -> {
                JdbcDeviceStore.Selection selection = store.byIdentifier(LARGE_ORG, read.keys.apply(device));
                yield new Statement(JdbcDeviceStore.pageOf(selection), selection.withPage(0, 100));
            }
        };
    }

    /** The plan PostgreSQL makes of the statement, prepared on the server as the driver prepares it. */
    private JsonNode plan(Statement statement) {
        String sql = statement.sql();
        List<String> arguments = new ArrayList<>();
        for (int i = 1; sql.contains("?"); i++) {
            sql = sql.replaceFirst("\\?", "\\$" + i);
            arguments.add(literal(statement.params().get(i - 1)));
        }
        jdbc.sql("prepare planned as " + sql).update();
        try {
            String plan = jdbc.sql("explain (format json) execute planned(" + String.join(", ", arguments) + ")")
                    .query(String.class)
                    .single();
            return JSON.readTree(plan).get(0).get("Plan");
        } finally {
            jdbc.sql("deallocate planned").update();
        }
    }

    private static String literal(Object value) {
        if (value instanceof Number) {
            return value.toString();
        }
        String text = "'" + value.toString().replace("'", "''") + "'";
        return value instanceof UUID ? text + "::uuid" : text;
    }

    private static List<JsonNode> scansOf(JsonNode plan) {
        List<JsonNode> nodes = new ArrayList<>();
        nodes.add(plan);
        if (plan.has("Plans")) {
            plan.get("Plans").forEach(child -> nodes.addAll(scansOf(child)));
        }
        return nodes;
    }

    /** Subscriptions {@code first..first+count-1} in the org, each with its devices, as the projection writes them. */
    private void load(String org, long first, int count) {
        jdbc.sql("insert into " + schema + ".subscription_view (subscription_id, org, legacy_id, legacy_account_id)"
                        + " select " + uuid("s") + ", ?, s + 1, 4711 from generate_series(?, ?) s")
                .params(org, first, first + count - 1)
                .update();
        jdbc.sql("insert into " + schema + ".device_view (device_id, subscription_id, org, legacy_id, category,"
                        + " mac_address, serial_number, iccid, imsi, imei, version, details)"
                        + " select " + uuid("n") + ", " + uuid("(n - 1) / " + DEVICES_PER_SUBSCRIPTION) + ", ?, n,"
                        + " 'OTHER', upper(regexp_replace(lpad(to_hex(n), 12, '0'), '(..)(?!$)', '\\1:', 'g')),"
                        + " 'SN-' || n, '89' || lpad(n::text, 18, '0'), '214' || lpad(n::text, 12, '0'),"
                        + " '35' || lpad(n::text, 13, '0'), 1, repeat('x', 600)"
                        + " from generate_series(? * " + DEVICES_PER_SUBSCRIPTION + " + 1, (? + ?) * "
                        + DEVICES_PER_SUBSCRIPTION + ") n")
                .params(org, first, first, count)
                .update();
    }

    /** A deterministic UUID of a number, in SQL: the number in the last twelve hex digits. */
    private static String uuid(String number) {
        return "('00000000-0000-4000-8000-' || lpad(to_hex(" + number + "), 12, '0'))::uuid";
    }

    private static UUID deviceId(long n) {
        return UUID.fromString("00000000-0000-4000-8000-%012x".formatted(n));
    }

    private static UUID subscriptionId(long n) {
        return deviceId(n);
    }

    private static String mac(long n) {
        String hex = "%012X".formatted(n);
        return String.join(":", hex.split("(?<=\\G..)"));
    }

    private static String iccid(long n) {
        return "89" + "%018d".formatted(n);
    }

    private static String imsi(long n) {
        return "214" + "%012d".formatted(n);
    }

    private static String imei(long n) {
        return "35" + "%013d".formatted(n);
    }
}
