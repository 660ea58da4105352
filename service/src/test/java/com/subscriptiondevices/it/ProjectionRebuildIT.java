package com.subscriptiondevices.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.subscriptiondevices.SubscriptionDevicesApplication;
import com.subscriptiondevices.platform.security.Scopes;
import com.subscriptiondevices.platform.testing.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Rebuilding read models as new versions while the API keeps serving and writing, on a database of its
 * own: every read during a rebuild sees complete data, every write acknowledged meanwhile (before,
 * during and after the switch) is in the new version, a rebuild run from the operator command line
 * (another process, in effect) switches under this instance's writes, and verification finds every row
 * that differs from a replay of the event store.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ProjectionRebuildIT extends ServiceIT {

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry properties) {
        properties.add("spring.datasource.url", () -> TestDatabases.dedicated("rebuild"));
        properties.add("devices.rebuild.batch-size", () -> "50");
    }

    record Known(String path, String serial, String mac) {}

    private List<Known> devices(int subscriptions) {
        List<Known> known = new ArrayList<>();
        for (int i = 0; i < subscriptions; i++) {
            String subscription = subscription(ORG);
            for (int d = 0; d < 2; d++) {
                String serial = Fixtures.serial();
                String mac = Fixtures.mac();
                Api.Response added =
                        api.post(devicesPath(ORG, subscription), fullToken(), Fixtures.terminal(mac, serial));
                String path = devicesPath(ORG, subscription) + "/"
                        + added.json().get("id").asString();
                api.patch(
                        path,
                        fullToken(),
                        "[{\"op\":\"add\",\"path\":\"/reservation_id\",\"value\":\"R-" + i + "\"}]",
                        Map.of());
                known.add(new Known(path, serial, mac));
            }
        }
        return known;
    }

    private String admin() {
        return token(Scopes.ADMIN, Scopes.READ);
    }

    private JsonNode status(String name) {
        for (JsonNode model : api.get("/admin/projections", admin()).json()) {
            if (model.get("name").asString().equals(name)) {
                return model;
            }
        }
        throw new AssertionError("no read model " + name);
    }

    @Test
    void during_a_rebuild_every_read_is_whole_and_writes_made_meanwhile_survive_the_switch() throws Exception {
        List<Known> known = devices(40);
        String before = jdbc.sql(
                        "select string_agg(device_id || ':' || version || ':' || details, '|' order by device_id)"
                                + " from device_model.device_view")
                .query(String.class)
                .single();
        AtomicBoolean reading = new AtomicBoolean(true);
        AtomicLong reads = new AtomicLong();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            Thread reader = new Thread(() -> {
                while (reading.get()) {
                    Known device = known.get(ThreadLocalRandom.current().nextInt(known.size()));
                    Api.Response one = api.get(device.path(), token(Scopes.READ));
                    Api.Response byMac =
                            api.get("/v2/orgs/yoigo/devices?mac_address=" + device.mac(), token(Scopes.READ));
                    if (one.status() != 200
                            || !one.json().get("serial_number").asString().equals(device.serial())) {
                        failures.add("device " + one);
                    }
                    if (byMac.status() != 200 || byMac.json().size() != 1) {
                        failures.add("lookup " + byMac);
                    }
                    reads.addAndGet(2);
                }
            });
            reader.start();
            readers.add(reader);
        }

        // two writers that keep adding devices through the rebuild and across its switch
        ConcurrentLinkedQueue<Known> acknowledged = new ConcurrentLinkedQueue<>();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            String subscription = subscription(ORG);
            Thread writer = new Thread(() -> {
                while (reading.get()) {
                    String serial = Fixtures.serial();
                    String mac = Fixtures.mac();
                    Api.Response added =
                            api.post(devicesPath(ORG, subscription), fullToken(), Fixtures.terminal(mac, serial));
                    if (added.status() == 201) {
                        acknowledged.add(new Known(
                                devicesPath(ORG, subscription) + "/"
                                        + added.json().get("id").asString(),
                                serial,
                                mac));
                    } else {
                        failures.add("write " + added);
                    }
                }
            });
            writer.start();
            writers.add(writer);
        }
        long versionBefore = status("device-projection").get("version").asLong();

        Api.Response accepted = api.post("/admin/projections/device-projection/rebuild", admin(), "");
        assertThat(accepted.status()).isEqualTo(202);
        List<Known> addedMeanwhile = devices(3);
        eventually("the rebuild is done", () -> status("device-projection")
                .get("rebuild")
                .get("status")
                .asString()
                .equals("DONE"));
        List<Known> addedAfter = devices(1);
        reading.set(false);
        for (Thread thread : concat(readers, writers)) {
            thread.join();
        }

        assertThat(failures).as("reads and writes during the rebuild").isEmpty();
        assertThat(reads.get()).isPositive();
        assertThat(acknowledged).isNotEmpty();
        for (Known device : acknowledged) {
            Api.Response read = api.get(device.path(), token(Scopes.READ));
            assertThat(read.status())
                    .as("acknowledged during the rebuild: " + device)
                    .isEqualTo(200);
            assertThat(read.json().get("serial_number").asString()).isEqualTo(device.serial());
        }
        assertThat(status("device-projection").get("version").asLong())
                .as("a new version went live")
                .isEqualTo(versionBefore + 1);
        JsonNode verified =
                api.get("/admin/projections/device-projection/verify", admin()).json();
        assertThat(verified.get("differing").asLong()).as(verified.toString()).isZero();
        assertThat(verified.get("checked").asLong()).isPositive();
        JsonNode status = status("device-projection");
        assertThat(status.get("rebuild").get("events").asLong()).isPositive();
        assertThat(status.get("rebuild").get("events_per_second").asDouble()).isPositive();
        for (Known device : concat(addedMeanwhile, addedAfter)) {
            assertThat(api.get(device.path(), token(Scopes.READ))
                            .json()
                            .get("serial_number")
                            .asString())
                    .isEqualTo(device.serial());
        }
        String after = jdbc.sql(
                        "select string_agg(device_id || ':' || version || ':' || details, '|' order by device_id)"
                                + " from device_model.device_view")
                .query(String.class)
                .single();
        for (String row : before.split("\\|")) {
            assertThat(after).contains(row);
        }
        assertThat(jdbc.sql(
                                "select min(c.reltuples) from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                                        + " where n.nspname = 'device_model' and c.relname in ('device_view', 'subscription_view')")
                        .query(Double.class)
                        .single())
                .as("the switched-in tables carry planner statistics (-1: never analyzed)")
                .isGreaterThanOrEqualTo(0);
        assertThat(jdbc.sql("select count(*) from information_schema.schemata where schema_name like 'device_model_%'")
                        .query(Long.class)
                        .single())
                .as("the old version is gone, and no new one is left behind")
                .isZero();
        System.out.printf(
                "Rebuild of device-projection: %d events at %.0f events/s; %d reads and %d writes served during it%n",
                status.get("rebuild").get("events").asLong(),
                status.get("rebuild").get("events_per_second").asDouble(),
                reads.get(),
                acknowledged.size());
    }

    /**
     * Statistics of a table while it was empty made every upsert of a rebuild a sequential scan:
     * quadratic. After each replayed batch the rebuild analyzes each of the new version's tables that
     * has doubled in size since its last statistics (which invalidates those plans), and all of them
     * once more before the switch. The tables keep their counters when they are switched in.
     */
    @Test
    void a_rebuild_takes_fresh_statistics_as_its_tables_fill_and_builds_every_declared_index() {
        devices(20);
        List<String> indexes = indexes("device_model");
        assertThat(indexes).as("the migrations' indexes").hasSizeGreaterThan(5);

        assertThat(api.post("/admin/projections/device-projection/rebuild", admin(), "")
                        .status())
                .isEqualTo(202);
        eventually("the rebuild is done", () -> status("device-projection")
                .get("rebuild")
                .get("status")
                .asString()
                .equals("DONE"));

        long events = status("device-projection").get("rebuild").get("events").asLong();
        assertThat(events).as("events replayed, 50 to a batch").isGreaterThanOrEqualTo(100);
        long pages = jdbc.sql("select pg_relation_size('device_model.device_view')"
                        + " / current_setting('block_size')::bigint")
                .query(Long.class)
                .single();
        assertThat(pages).as("the devices fill more than two pages").isGreaterThan(2);
        // at least once while it grew past two pages, and once more before the switch
        eventually(
                "the statistics counters are published",
                () -> jdbc.sql(
                                        "select analyze_count"
                                                + " from pg_stat_user_tables where schemaname = 'device_model' and relname = 'device_view'")
                                .query(Long.class)
                                .single()
                        >= 2);
        // the replay ran without the secondary indexes; they are built before the switch
        assertThat(indexes("device_model"))
                .as("every index of the live version, as declared")
                .isEqualTo(indexes);
    }

    private List<String> indexes(String schema) {
        return jdbc.sql("select indexname || ': ' || indexdef from pg_indexes where schemaname = ? order by indexname")
                .param(schema)
                .query(String.class)
                .list();
    }

    @Test
    void the_operator_command_line_rebuilds_while_this_instance_keeps_serving() {
        List<Known> known = devices(5);
        long versionBefore = status("v1-device-projection").get("version").asLong();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exitCode = operatorCommand("rebuild v1-device-projection", output);

        String printed = output.toString(StandardCharsets.UTF_8);
        assertThat(exitCode).as(printed).isZero();
        assertThat(printed).contains("Rebuild of v1-device-projection: DONE").contains("READ MODEL");
        // this instance writes the new version the command line switched in
        List<Known> later = devices(1);
        for (Known device : concat(known, later)) {
            JsonNode v2 = api.get(device.path(), fullToken()).json();
            String subscriptionId = device.path().split("/")[5];
            Api.Response v1 = api.get(
                    "/v1/orgs/yoigo/subscriptions/" + subscriptionId + "/devices/"
                            + v2.get("legacy_id").asLong(),
                    fullToken());
            assertThat(v1.status()).as(v1.toString()).isEqualTo(200);
            assertThat(v1.json()
                            .get("device_additional_details")
                            .get("serial_number")
                            .asString())
                    .isEqualTo(device.serial());
        }
        assertThat(status("v1-device-projection").get("version").asLong()).isEqualTo(versionBefore + 1);
    }

    @Test
    void verification_finds_every_row_that_differs_from_a_replay_and_names_only_their_columns() {
        List<Known> known = devices(3);
        String changed = known.get(0).path().substring(known.get(0).path().lastIndexOf('/') + 1);
        String deleted = known.get(1).path().substring(known.get(1).path().lastIndexOf('/') + 1);
        jdbc.sql("update device_model.device_view set serial_number = 'TAMPERED', version = 99"
                        + " where device_id = cast(? as uuid)")
                .param(changed)
                .update();
        jdbc.sql("delete from device_model.device_view where device_id = cast(? as uuid)")
                .param(deleted)
                .update();
        jdbc.sql("insert into device_model.subscription_view (subscription_id, org, legacy_id, legacy_account_id)"
                        + " values (cast(? as uuid), 'yoigo', 1, 1)")
                .param(UUID.randomUUID().toString())
                .update();

        JsonNode verified =
                api.get("/admin/projections/device-projection/verify", admin()).json();
        assertThat(verified.get("name").asString()).isEqualTo("device-projection");
        assertThat(verified.get("differing").asLong()).isEqualTo(3);
        assertThat(verified.get("examples").toString())
                .contains(changed)
                .contains("DIFFERENT: serial_number, version")
                .contains(deleted)
                .contains("MISSING")
                .contains("UNEXPECTED")
                .doesNotContain("TAMPERED");

        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exitCode = operatorCommand("verify", output);
        assertThat(exitCode).as("a row differs").isEqualTo(1);
        assertThat(output.toString(StandardCharsets.UTF_8))
                .contains("Verify device-projection: ")
                .contains("3 differ")
                .contains("Verify v1-device-projection: ")
                .contains("0 differ");

        assertThat(api.post("/admin/projections/device-projection/rebuild", admin(), "")
                        .status())
                .isEqualTo(202);
        eventually("the rebuild is done", () -> status("device-projection")
                .get("rebuild")
                .get("status")
                .asString()
                .equals("DONE"));
        assertThat(api.get("/admin/projections/device-projection/verify", admin())
                        .json()
                        .get("differing")
                        .asLong())
                .as("a rebuild repairs what verification found")
                .isZero();
        assertThat(operatorCommand("verify device-projection", new ByteArrayOutputStream()))
                .isZero();
    }

    /** Runs the operator command line against this test's database; returns its exit code. */
    private int operatorCommand(String command, ByteArrayOutputStream output) {
        PrintStream console = System.out;
        System.setOut(new PrintStream(output, true, StandardCharsets.UTF_8));
        try (ConfigurableApplicationContext operator = new SpringApplicationBuilder(
                        SubscriptionDevicesApplication.class)
                .profiles("postgres")
                .run(
                        "--spring.main.web-application-type=none",
                        "--spring.datasource.url=" + TestDatabases.dedicated("rebuild"),
                        "--spring.datasource.username=" + TestDatabases.user(),
                        "--spring.datasource.hikari.maximum-pool-size=5",
                        "--devices.security.dev-jwt-secret=" + SECRET,
                        // as bin/projections runs it
                        "--devices.event-processing.track-consumers=false",
                        "--devices.operator.command=" + command)) {
            return SpringApplication.exit(operator);
        } finally {
            System.setOut(console);
        }
    }

    @Test
    void a_rebuild_running_elsewhere_is_not_started_twice_unless_it_went_silent() {
        jdbc.sql("delete from projection_rebuild where processing_group = 'v1-device-projection'")
                .update();
        jdbc.sql("insert into projection_rebuild (processing_group, status, started_at, updated_at, run_by, events)"
                        + " values ('v1-device-projection', 'RUNNING', now(), now(), 'another-instance', 10)")
                .update();

        Api.Response refused = api.post("/admin/projections/v1-device-projection/rebuild", admin(), "");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.errorCode()).isEqualTo("REBUILD_IN_PROGRESS");
        assertThat(status("v1-device-projection").get("replaying").asBoolean()).isTrue();

        jdbc.sql("update projection_rebuild set updated_at = now() - interval '10 minutes'"
                        + " where processing_group = 'v1-device-projection'")
                .update();
        assertThat(api.post("/admin/projections/v1-device-projection/rebuild", admin(), "")
                        .status())
                .isEqualTo(202);
        eventually("the taken-over rebuild is done", () -> status("v1-device-projection")
                .get("rebuild")
                .get("status")
                .asString()
                .equals("DONE"));
    }

    @Test
    void status_and_rebuild_need_the_admin_scope_and_a_known_read_model() {
        JsonNode all = api.get("/admin/projections", admin()).json();
        assertThat(all).hasSize(3);
        List<String> names = new java.util.ArrayList<>();
        all.forEach(model -> names.add(model.get("name").asString()));
        assertThat(names).containsExactlyInAnyOrder("device-projection", "v1-device-projection", "sim-swap-projection");
        JsonNode device = status("device-projection");
        assertThat(device.get("processor").asString()).isEqualTo("device-projection");
        assertThat(device.has("position")).isTrue();
        assertThat(device.get("head").asLong())
                .isGreaterThanOrEqualTo(device.get("position").asLong());
        assertThat(device.has("eta_seconds")).isTrue();
        assertThat(device.get("lag").asLong()).as("written with the events").isZero();
        assertThat(device.get("version").asLong()).isPositive();

        assertThat(api.get("/admin/projections", null).status()).isEqualTo(401);
        Api.Response forbidden = api.get("/admin/projections", token(Scopes.READ, Scopes.WRITE));
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.errorCode()).isEqualTo("MISSING_PERMISSIONS");
        assertThat(api.post("/admin/projections/device-projection/rebuild", token(Scopes.WRITE), "")
                        .status())
                .isEqualTo(403);
        Api.Response unknown = api.post("/admin/projections/nothing/rebuild", admin(), "");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errorCode()).isEqualTo("PROJECTION_NOT_FOUND");
        assertThat(api.get("/admin/projections/device-projection/verify", token(Scopes.READ))
                        .status())
                .isEqualTo(403);
        Api.Response unknownVerify = api.get("/admin/projections/nothing/verify", admin());
        assertThat(unknownVerify.status()).isEqualTo(404);
        assertThat(unknownVerify.errorCode()).isEqualTo("PROJECTION_NOT_FOUND");
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
