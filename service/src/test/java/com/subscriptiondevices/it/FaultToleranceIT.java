package com.subscriptiondevices.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.subscriptiondevices.platform.security.Scopes;
import com.subscriptiondevices.platform.testing.TestDatabases;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Writes under faults injected on the real database: connections killed and statements cancelled while
 * eight clients write, a failure after every read-model statement of a write, and a commit whose outcome
 * a broken connection hides. Whatever happens, a 2xx write is visible at once to V2 and V1 reads, a 503
 * stored nothing, no answer is a 500 for a transient failure, nothing is dead-lettered, and both read
 * models equal a replay of the event store. A database of its own.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@Import(FaultToleranceIT.CommitFaultsConfiguration.class)
class FaultToleranceIT extends ServiceIT {

    private static final String APPLICATION = "devices-fault-test";
    private static final int WRITERS = 8;
    private static final Duration UNDER_FIRE = Duration.ofSeconds(8);

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry properties) {
        properties.add("spring.datasource.url", () -> TestDatabases.dedicated("faults"));
        properties.add("spring.datasource.hikari.data-source-properties.ApplicationName", () -> APPLICATION);
    }

    /** What a writer knows of one of its devices: its path, its legacy id, and the serial it last wrote. */
    private record Written(String path, String v1Path, String serial) {}

    @Test
    void under_killed_connections_and_cancelled_queries_every_acknowledged_write_is_read_at_once() throws Exception {
        // a listener of the hub hears every event of the writes below, whatever the faults
        TestListener listener = new TestListener();
        String hubToken = token(Scopes.EVENTS);
        Api.Response registered =
                api.post("/v2/orgs/" + ORG + "/hub", hubToken, "{\"callback\":\"" + listener.callback() + "\"}");
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Written> acknowledged = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> refused = new ConcurrentLinkedQueue<>();
        AtomicInteger writes = new AtomicInteger();
        AtomicInteger unavailable = new AtomicInteger();
        AtomicBoolean firing = new AtomicBoolean(true);
        List<String> subscriptions = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            subscriptions.add(subscription(ORG));
        }

        List<Thread> threads = new ArrayList<>();
        for (String subscription : subscriptions) {
            threads.add(new Thread(() -> {
                Written last = null;
                int i = 0;
                while (firing.get()) {
                    i++;
                    writes.incrementAndGet();
                    if (last == null || i % 2 == 1) {
                        String id = UUID.randomUUID().toString();
                        String serial = "S-" + id;
                        Api.Response added = api.post(
                                devicesPath(ORG, subscription),
                                fullToken(),
                                Fixtures.terminal(Fixtures.mac(), serial)
                                        .replaceFirst("\\{", "{\"id\": \"" + id + "\", "));
                        if (added.status() == 201) {
                            String path = devicesPath(ORG, subscription) + "/" + id;
                            last = new Written(
                                    path,
                                    "/v1/orgs/yoigo/subscriptions/" + subscription + "/devices/"
                                            + added.json().get("legacy_id").asLong(),
                                    serial);
                            acknowledged.add(last);
                            expectRead(last, failures);
                        } else if (added.status() == 503) {
                            unavailable.incrementAndGet();
                            refused.add(devicesPath(ORG, subscription) + "/" + id);
                        } else {
                            failures.add("POST answered " + added);
                        }
                    } else {
                        String serial = "P-" + UUID.randomUUID();
                        Api.Response patched = api.patch(
                                last.path(),
                                fullToken(),
                                "[{\"op\":\"replace\",\"path\":\"/serial_number\",\"value\":\"" + serial + "\"}]",
                                Map.of());
                        if (patched.status() == 200) {
                            last = new Written(last.path(), last.v1Path(), serial);
                            acknowledged.add(last);
                        } else if (patched.status() == 503) {
                            unavailable.incrementAndGet();
                        } else {
                            failures.add("PATCH answered " + patched);
                        }
                        // a refused patch changed nothing: the device still shows what was written last
                        expectRead(last, failures);
                    }
                }
            }));
        }
        Killer killer = new Killer();
        threads.add(killer.thread(firing));
        threads.forEach(Thread::start);
        LockSupport.parkNanos(UNDER_FIRE.toNanos());
        firing.set(false);
        for (Thread thread : threads) {
            thread.join();
        }

        System.out.printf(
                "Faults: %d writes by %d clients in %s, %d acknowledged, %d answered 503; %d connections killed,"
                        + " %d statements cancelled%n",
                writes.get(),
                WRITERS,
                UNDER_FIRE,
                acknowledged.size(),
                unavailable.get(),
                killer.kills.get(),
                killer.cancels.get());
        assertThat(failures).as("answers and reads under faults").isEmpty();
        assertThat(killer.kills.get()).as("connections killed").isGreaterThanOrEqualTo(10);
        assertThat(killer.cancels.get()).as("statements cancelled").isGreaterThanOrEqualTo(10);
        assertThat(acknowledged.size()).as("writes that succeeded under fire").isGreaterThan(WRITERS);
        for (String path : refused) {
            assertThat(api.get(path, fullToken()).status())
                    .as("a write answered 503 stored nothing: " + path)
                    .isEqualTo(404);
        }
        assertThat(api.get("/admin/dead-letters", token(Scopes.ADMIN)).json())
                .as("nothing dead-lettered")
                .isEmpty();
        assertVerified();

        try {
            List<String> expected = new ArrayList<>();
            for (String subscription : subscriptions) {
                expected.addAll(jdbc.sql("select eventidentifier from domainevententry where aggregateidentifier = ?"
                                + " order by sequencenumber")
                        .param(subscription)
                        .query(String.class)
                        .list());
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!listener.firstArrivals(r -> true).containsAll(expected)) {
                assertThat(System.nanoTime())
                        .as("every event reaches the listener: " + expected.size() + " events")
                        .isLessThan(deadline);
                LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
            }
            for (String subscription : subscriptions) {
                List<String> order = jdbc.sql("select eventidentifier from domainevententry where aggregateidentifier"
                                + " = ? order by sequencenumber")
                        .param(subscription)
                        .query(String.class)
                        .list();
                assertThat(listener.firstArrivals(r -> order.contains(r.eventId())))
                        .as("in the subscription's order")
                        .isEqualTo(order);
            }
            System.out.printf(
                    "Faults: the hub's listener got all %d events (%d requests, resends after faults included)%n",
                    expected.size(), listener.all().size());
            assertThat(api.get("/admin/dead-letters", token(Scopes.ADMIN)).json())
                    .as("nothing dead-lettered by the hub either")
                    .isEmpty();
        } finally {
            api.delete(registered.header("Location"), hubToken);
            listener.close();
        }
    }

    @Test
    void under_killed_connections_the_replacement_process_completes_every_replacement_and_dead_letters_nothing()
            throws Exception {
        List<Sim> sims = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sims.add(sim());
        }
        AtomicBoolean firing = new AtomicBoolean(true);
        // idle ones too: the process's processor and deadline scheduler hold theirs between polls
        Killer killer = new Killer("'active', 'idle in transaction', 'idle'");
        Thread killing = killer.thread(firing);
        killing.start();
        try {
            for (Sim sim : sims) {
                String newIccid = Fixtures.iccid();
                int status;
                do {
                    // asked again while the request itself meets a fault (503): it stored nothing
                    status = replace(sim, newIccid).status();
                } while (status == 503);
                assertThat(status).as("replacement of " + sim.v1Path()).isEqualTo(202);
            }
            LockSupport.parkNanos(Duration.ofSeconds(5).toNanos());
        } finally {
            firing.set(false);
            killing.join();
        }
        System.out.printf(
                "Faults during 10 replacements: %d connections killed, %d statements cancelled%n",
                killer.kills.get(), killer.cancels.get());
        assertThat(killer.kills.get() + killer.cancels.get()).isGreaterThanOrEqualTo(10);

        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        for (Sim sim : sims) {
            while (true) {
                Api.Response read = api.get(sim.v1Path() + "?only_active=false", fullToken());
                if (read.status() == 200
                        && read.json()
                                .get("subscription_device_change_requests")
                                .get(0)
                                .get("status")
                                .asString()
                                .equals("PROCESSED")) {
                    break;
                }
                assertThat(System.nanoTime())
                        .as("processed in time: " + sim.v1Path())
                        .isLessThan(deadline);
                LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
            }
        }
        assertThat(api.get("/admin/dead-letters", token(Scopes.ADMIN)).json())
                .as("transient failures are retried, never dead-lettered")
                .isEmpty();
        assertVerified();
    }

    @Test
    void a_failure_after_every_read_model_statement_rolls_the_whole_write_back() {
        String subscription = subscription(ORG);
        String existing = addTerminal(subscription);
        long eventsBefore = eventCount(subscription);
        jdbc.sql("create or replace function device_model.fail_at_commit() returns trigger language plpgsql as"
                        + " $$ begin if new.serial_number = 'FAIL-AT-COMMIT' then"
                        + " raise exception 'a failure injected at commit'; end if; return null; end $$")
                .update();
        jdbc.sql("create constraint trigger fail_at_commit after insert or update on device_model.device_view"
                        + " deferrable initially deferred for each row execute function device_model.fail_at_commit()")
                .update();
        try {
            String id = UUID.randomUUID().toString();
            Api.Response added = api.post(
                    devicesPath(ORG, subscription),
                    fullToken(),
                    Fixtures.terminal(Fixtures.mac(), "FAIL-AT-COMMIT")
                            .replaceFirst("\\{", "{\"id\": \"" + id + "\", "));
            assertThat(added.status()).as(added.toString()).isEqualTo(500);
            assertThat(added.errorCode()).isEqualTo("INTERNAL_ERROR");
            assertThat(added.body()).doesNotContain("injected").doesNotContain("trigger");

            Api.Response patched = api.patch(
                    devicesPath(ORG, subscription) + "/" + existing,
                    fullToken(),
                    "[{\"op\":\"replace\",\"path\":\"/serial_number\",\"value\":\"FAIL-AT-COMMIT\"}]",
                    Map.of());
            assertThat(patched.status()).as(patched.toString()).isEqualTo(500);

            assertThat(eventCount(subscription)).as("no event").isEqualTo(eventsBefore);
            assertThat(api.get(devicesPath(ORG, subscription) + "/" + id, fullToken())
                            .status())
                    .as("no V2 row")
                    .isEqualTo(404);
            assertThat(api.get(devicesPath(ORG, subscription) + "/" + existing, fullToken())
                            .json()
                            .get("serial_number")
                            .asString())
                    .isEqualTo("S");
            assertThat(api.get("/v1/orgs/yoigo/subscriptions/" + subscription + "/devices", fullToken())
                            .json())
                    .as("no V1 row")
                    .hasSize(1);
            assertThat(jdbc.sql("select count(*) from unique_claim where claim_value = ?")
                            .param(id)
                            .query(Long.class)
                            .single())
                    .as("no claim")
                    .isZero();
        } finally {
            jdbc.sql("drop trigger fail_at_commit on device_model.device_view").update();
            jdbc.sql("drop function device_model.fail_at_commit()").update();
        }
        assertVerified();
    }

    /**
     * The connection breaks at the commit: after it (the write happened, the client must hear so and
     * it must not be written twice) or instead of it (nothing happened, the write is tried again).
     * Either way the client gets one 201 and the store holds the device once.
     */
    @ParameterizedTest
    @EnumSource(
            value = CommitFault.class,
            names = {"BREAK_AFTER_COMMIT", "BREAK_INSTEAD_OF_COMMIT"})
    void a_commit_whose_connection_broke_answers_as_done_and_is_written_exactly_once(CommitFault fault) {
        String subscription = subscription(ORG);
        String id = UUID.randomUUID().toString();
        CommitFaults.ARMED.set(fault);
        Api.Response added = api.post(
                devicesPath(ORG, subscription),
                fullToken(),
                Fixtures.terminal(Fixtures.mac(), fault.name()).replaceFirst("\\{", "{\"id\": \"" + id + "\", "));
        assertThat(CommitFaults.ARMED.get()).as("the fault was injected").isEqualTo(CommitFault.NONE);
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        assertThat(api.get(devicesPath(ORG, subscription) + "/" + id, fullToken())
                        .status())
                .isEqualTo(200);
        assertThat(eventTypes(subscription)).containsExactly("SubscriptionCreated", "DeviceAdded");
        assertVerified();
    }

    /** Right after a 2xx, V2 and V1 show the write (a read may itself meet a fault: it is asked again). */
    private void expectRead(Written written, ConcurrentLinkedQueue<String> failures) {
        JsonNode v2 = readThroughFaults(written.path(), failures);
        if (v2 != null && !written.serial().equals(v2.get("serial_number").asString())) {
            failures.add("V2 shows " + v2.get("serial_number") + " instead of " + written.serial());
        }
        JsonNode v1 = readThroughFaults(written.v1Path(), failures);
        if (v1 != null
                && !written.serial()
                        .equals(v1.get("device_additional_details")
                                .get("serial_number")
                                .asString())) {
            failures.add("V1 shows " + v1.get("device_additional_details") + " instead of " + written.serial());
        }
    }

    private JsonNode readThroughFaults(String path, ConcurrentLinkedQueue<String> failures) {
        for (int attempt = 0; attempt < 20; attempt++) {
            Api.Response read = api.get(path, fullToken());
            if (read.status() == 200) {
                return read.json();
            }
            if (read.status() != 503) {
                failures.add("read of " + path + " right after its write answered " + read);
                return null;
            }
        }
        failures.add("read of " + path + " kept answering 503");
        return null;
    }

    private void assertVerified() {
        for (String model : List.of("device-projection", "v1-device-projection", "sim-swap-projection")) {
            // the pool may still hand out a connection a fault broke a moment ago: 503, asked again
            Api.Response verification = api.get("/admin/projections/" + model + "/verify", token(Scopes.ADMIN));
            for (int attempt = 1; verification.status() == 503 && attempt < 5; attempt++) {
                LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
                verification = api.get("/admin/projections/" + model + "/verify", token(Scopes.ADMIN));
            }
            assertThat(verification.status()).as(verification.toString()).isEqualTo(200);
            JsonNode verified = verification.json();
            assertThat(verified.get("differing").asLong())
                    .as("%s equals a replay of the event store: %s", model, verified)
                    .isZero();
        }
    }

    /** Kills the service's connections and cancels its statements, at random, while firing. */
    private final class Killer {

        final AtomicInteger kills = new AtomicInteger();
        final AtomicInteger cancels = new AtomicInteger();
        private final String states;

        /** Connections in a transaction or running a statement. */
        Killer() {
            this("'active', 'idle in transaction'");
        }

        Killer(String states) {
            this.states = states;
        }

        Thread thread(AtomicBoolean firing) {
            return new Thread(() -> {
                while (firing.get()) {
                    LockSupport.parkNanos(
                            Duration.ofMillis(ThreadLocalRandom.current().nextInt(5, 40))
                                    .toNanos());
                    boolean kill = ThreadLocalRandom.current().nextBoolean();
                    try {
                        int hit = jdbc.sql("select count(*) from (select "
                                        + (kill ? "pg_terminate_backend" : "pg_cancel_backend")
                                        + "(pid) from pg_stat_activity where application_name = ?"
                                        + " and pid <> pg_backend_pid() and state in (" + states + ")"
                                        + " order by random() limit 1) hits")
                                .param(APPLICATION)
                                .query(Integer.class)
                                .single();
                        (kill ? kills : cancels).addAndGet(hit);
                    } catch (RuntimeException killedItself) {
                        // the killer's own connection comes from the same pool: it may be the one killed
                    }
                }
            });
        }
    }

    enum CommitFault {
        NONE,
        /** The commit happens, then the connection is reported broken: the client never learns it. */
        BREAK_AFTER_COMMIT,
        /** The connection breaks instead of committing: nothing is stored. */
        BREAK_INSTEAD_OF_COMMIT
    }

    /**
     * Breaks the next commit of a transaction that appended events, when armed. It wraps the service's
     * real data source; the database does the real commit or rollback.
     */
    static final class CommitFaults implements BeanPostProcessor {

        static final AtomicReference<CommitFault> ARMED = new AtomicReference<>(CommitFault.NONE);

        @Override
        public Object postProcessAfterInitialization(Object bean, String name) {
            if (bean instanceof DataSource dataSource && !(bean instanceof DelegatingDataSource)) {
                return new DelegatingDataSource(dataSource) {
                    @Override
                    public Connection getConnection() throws SQLException {
                        return faulty(super.getConnection());
                    }
                };
            }
            return bean;
        }

        private static Connection faulty(Connection connection) {
            AtomicBoolean appending = new AtomicBoolean();
            return (Connection) Proxy.newProxyInstance(
                    Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        String name = method.getName();
                        if (name.startsWith("prepare")
                                && args != null
                                && args[0] instanceof String sql
                                && sql.toLowerCase(Locale.ROOT).contains("insert into domainevententry")) {
                            appending.set(true);
                        }
                        if (name.equals("commit") && appending.getAndSet(false)) {
                            CommitFault fault = ARMED.getAndSet(CommitFault.NONE);
                            if (fault == CommitFault.BREAK_AFTER_COMMIT) {
                                connection.commit();
                                throw new SQLException("An I/O error occurred while sending to the backend.", "08006");
                            }
                            if (fault == CommitFault.BREAK_INSTEAD_OF_COMMIT) {
                                connection.rollback();
                                throw new SQLException("An I/O error occurred while sending to the backend.", "08006");
                            }
                        }
                        if (name.equals("rollback")) {
                            appending.set(false);
                        }
                        try {
                            return method.invoke(connection, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }

    /** Brought in by {@code @Import} only: the component scan covers test classes too. */
    static class CommitFaultsConfiguration {

        @Bean
        static CommitFaults commitFaults() {
            return new CommitFaults();
        }
    }
}
