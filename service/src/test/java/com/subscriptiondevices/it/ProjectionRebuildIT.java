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
 * Rebuilding read models while the API keeps serving, on a database of its own: every read during a
 * rebuild sees complete data, writes made meanwhile survive the switch, and a rebuild run from the
 * operator command line (another process, in effect) takes over from the serving instance.
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
                                + " from device_view")
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

        insertDeadLetter("device-projection");
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
        for (Thread reader : readers) {
            reader.join();
        }

        assertThat(failures).as("reads during the rebuild").isEmpty();
        assertThat(jdbc.sql("select count(*) from deadletterentry where processinggroup = 'device-projection'")
                        .query(Long.class)
                        .single())
                .as("the rebuilt model handled every event again")
                .isZero();
        assertThat(reads.get()).isPositive();
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
                                + " from device_view")
                .query(String.class)
                .single();
        for (String row : before.split("\\|")) {
            assertThat(after).contains(row);
        }
        assertThat(jdbc.sql("select min(reltuples) from pg_class where relname in ('device_view', 'subscription_view')")
                        .query(Double.class)
                        .single())
                .as("the switched-in tables carry planner statistics (-1: never analyzed)")
                .isGreaterThanOrEqualTo(0);
        eventually(
                "the live processor catches up",
                () -> status("device-projection").get("lag").asLong() == 0);
        System.out.printf(
                "Rebuild of device-projection: %d events at %.0f events/s; %d reads served during it%n",
                status.get("rebuild").get("events").asLong(),
                status.get("rebuild").get("events_per_second").asDouble(),
                reads.get());
    }

    /**
     * Statistics taken while a shadow table was empty (autovacuum after the last rebuild emptied it, or an
     * operator's ANALYZE) made every upsert of the next rebuild a sequential scan: quadratic. The rebuild
     * analyzes its tables whenever the replayed events have doubled, which invalidates those plans.
     */
    @Test
    void a_rebuild_takes_fresh_statistics_as_its_tables_fill_not_only_before_the_switch() {
        devices(20);
        jdbc.sql("analyze device_view_shadow").update();
        long shadow = jdbc.sql("select 'device_view_shadow'::regclass::oid")
                .query(Long.class)
                .single();
        long analyzedBefore = analyzeCount(shadow);

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
        // after 50 and 100 events (and on at each doubling), and once more before the switch
        assertThat(analyzeCount(shadow) - analyzedBefore).isGreaterThanOrEqualTo(3);
    }

    private long analyzeCount(long table) {
        return jdbc.sql("select analyze_count from pg_stat_user_tables where relid = ?")
                .param(table)
                .query(Long.class)
                .single();
    }

    @Test
    void the_operator_command_line_rebuilds_while_this_instance_keeps_serving() {
        List<Known> known = devices(5);
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        PrintStream console = System.out;
        int exitCode;
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
                        "--devices.operator.command=rebuild v1-device-projection")) {
            exitCode = SpringApplication.exit(operator);
        } finally {
            System.setOut(console);
        }

        String printed = output.toString(StandardCharsets.UTF_8);
        assertThat(exitCode).as(printed).isZero();
        assertThat(printed).contains("Rebuild of v1-device-projection: DONE").contains("READ MODEL");
        // this instance took up the rebuilt model where the command line left it
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
        eventually(
                "v1 projection catches up",
                () -> status("v1-device-projection").get("lag").asLong() == 0);
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
        assertThat(all).hasSize(2);
        JsonNode device = status("device-projection");
        assertThat(device.get("processor").asString()).isEqualTo("device-projection");
        assertThat(device.has("position")).isTrue();
        assertThat(device.get("head").asLong())
                .isGreaterThanOrEqualTo(device.get("position").asLong());
        assertThat(device.has("eta_seconds")).isTrue();

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
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** A letter as a failed event would have left it (the rebuild handles that event again). */
    private void insertDeadLetter(String group) {
        jdbc.sql(
                        "insert into deadletterentry (deadletteridentifier, processinggroup, sequenceidentifier, sequenceindex,"
                                + " messagetype, eventidentifier, timestamp, payloadtype, payloadrevision, payload, metadata,"
                                + " enqueuedat, lasttouched, causetype, causemessage)"
                                + " values (?, ?, ?, 0, 'org.axonframework.eventhandling.GenericEventMessage', ?, ?, ?, '1',"
                                + " cast('{}' as bytea), cast('{}' as bytea), ?, ?, 'test', 'test')")
                .params(
                        java.util.UUID.randomUUID().toString(),
                        group,
                        java.util.UUID.randomUUID().toString(),
                        java.util.UUID.randomUUID().toString(),
                        java.time.Instant.now().toString(),
                        "com.subscriptiondevices.api.device.DeviceAdded",
                        java.time.Instant.now().toString(),
                        java.time.Instant.now().toString())
                .update();
    }
}
