package com.subscriptiondevices.readmodel.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.subscriptiondevices.api.device.AppliedOperation;
import com.subscriptiondevices.api.device.DeviceAdded;
import com.subscriptiondevices.api.device.DeviceCategory;
import com.subscriptiondevices.api.device.DeviceDetailsChanged;
import com.subscriptiondevices.api.device.DeviceId;
import com.subscriptiondevices.api.device.FabricationType;
import com.subscriptiondevices.api.device.SimCard;
import com.subscriptiondevices.api.simreplacement.SimReplaced;
import com.subscriptiondevices.api.subscription.MsisdnChanged;
import com.subscriptiondevices.api.subscription.SubscriptionCreated;
import com.subscriptiondevices.api.subscription.SubscriptionId;
import com.subscriptiondevices.platform.data.WritePipeline;
import com.subscriptiondevices.readmodel.Devices;
import com.subscriptiondevices.readmodel.ScratchSchema;
import com.subscriptiondevices.readmodel.device.DeviceModel.InMemoryDeviceModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A rebuild's replay into a version of the device read model on PostgreSQL: its writes are held back
 * and sent in batches, subscriptions before devices before their changes, when the projection reads
 * and when the transaction commits; the rows it ends with are the ones the same rules make in memory.
 */
class DeviceReplayIT {

    private final ScratchSchema scratch = new ScratchSchema("device_replay");
    private final String schema = scratch.name();
    private final JdbcClient jdbc = scratch.jdbc();
    private final JdbcTemplate batches = scratch.batches();
    private final TransactionTemplate transaction = scratch.transaction();
    private final DeviceModel model = new DeviceModel(jdbc, batches, new WritePipeline(batches));

    private final SubscriptionId yoigo = SubscriptionId.random();
    private final SubscriptionId masmovil = SubscriptionId.random();
    private final DeviceId sim = DeviceId.random();
    private final DeviceId router = DeviceId.random();
    private final SimCard card =
            new SimCard("8934011411551283144", "214035453370793", "0123", "01234567", null, null, FabricationType.PSIM);

    @BeforeEach
    void migrate() {
        scratch.migrate("db/read-models/device");
    }

    @AfterEach
    void dropSchema() {
        scratch.drop();
    }

    @Test
    void writes_wait_for_a_read_or_the_commit_and_end_as_the_rules_make_them_in_memory() {
        Instant returned = Instant.parse("2026-03-02T00:00:00Z");
        List<Object> beforeTheReplacement = List.of(
                new SubscriptionCreated(yoigo, "yoigo", 7, 4711),
                new MsisdnChanged(yoigo, "yoigo", "+34600000001", null),
                new DeviceAdded(yoigo, sim, 11, DeviceCategory.SIM, Devices.sim(card, null)),
                new DeviceDetailsChanged(
                        yoigo,
                        sim,
                        2,
                        Devices.sim(card, returned),
                        List.of(new AppliedOperation("add", "/in_store_returned_date", null, "RETURNED"))),
                new SubscriptionCreated(masmovil, "masmovil", 8, 4712),
                new DeviceAdded(masmovil, router, 12, DeviceCategory.OTHER, Devices.details("SN-1", null, null, null)));
        List<Object> fromTheReplacement = List.of(
                // reads the SIM's details: what is held back is sent first
                Devices.simReplaced(yoigo, sim, UUID.randomUUID(), 3, card),
                new MsisdnChanged(yoigo, "yoigo", "+34600000002", "+34600000001"),
                new DeviceDetailsChanged(
                        masmovil,
                        router,
                        2,
                        Devices.details("SN-2", null, null, null),
                        List.of(new AppliedOperation("replace", "/serial_number", "SN-2", null))));
        DeviceProjection replay = model.replayProjection(schema);

        transaction.executeWithoutResult(status -> {
            beforeTheReplacement.forEach(event -> apply(replay, event));
            assertThat(rowsInTransaction())
                    .as("nothing written yet: held back until a read or the commit")
                    .isZero();
            fromTheReplacement.forEach(event -> apply(replay, event));
            assertThat(rowsInTransaction())
                    .as("the replacement's read sent what was held back")
                    .isEqualTo(4);
        });

        List<Object> events = new ArrayList<>(beforeTheReplacement);
        events.addAll(fromTheReplacement);
        assertRowsAreTheInMemoryReplayOf(events, List.of(yoigo.value(), masmovil.value()), 4);
        DeviceRow swapped = new JdbcDeviceStore(jdbc, schema)
                .device("yoigo", yoigo.value(), sim.value())
                .orElseThrow();
        assertThat(swapped.iccid()).isEqualTo("89340114115512831440");
        assertThat(swapped.version()).isEqualTo(3);
        assertThat(new JdbcDeviceStore(jdbc, schema)
                        .subscription("yoigo", yoigo.value())
                        .orElseThrow()
                        .msisdn())
                .isEqualTo("+34600000002");
        assertThat(new JdbcDeviceStore(jdbc, schema)
                        .device("masmovil", masmovil.value(), router.value())
                        .orElseThrow()
                        .serialNumber())
                .as("a change held back until the commit")
                .isEqualTo("SN-2");
    }

    @Test
    void a_device_changed_again_and_again_in_one_batch_is_updated_once_with_its_last_state() {
        DeviceProjection replay = model.replayProjection(schema);
        List<Object> events = new ArrayList<>(List.of(
                new SubscriptionCreated(yoigo, "yoigo", 7, 4711),
                new DeviceAdded(yoigo, router, 11, DeviceCategory.OTHER, Devices.details("SN-1", null, null, null)),
                new DeviceAdded(yoigo, sim, 12, DeviceCategory.SIM, Devices.sim(card, null))));
        for (int version = 2; version <= 500; version++) {
            events.add(new DeviceDetailsChanged(
                    yoigo,
                    router,
                    version,
                    Devices.details("SN-" + version, null, null, null),
                    List.of(new AppliedOperation("replace", "/serial_number", "SN-" + version, null))));
        }
        Instant returned = Instant.parse("2026-03-02T00:00:00Z");
        events.add(new DeviceDetailsChanged(
                yoigo,
                sim,
                2,
                Devices.sim(card, returned),
                List.of(new AppliedOperation("add", "/in_store_returned_date", null, "RETURNED"))));

        // the replacement reads the SIM's row, so what is held back is sent before it
        events.add(Devices.simReplaced(yoigo, sim, UUID.randomUUID(), 3, card));

        transaction.executeWithoutResult(status -> {
            events.forEach(event -> apply(replay, event));
            assertThat(updatesOfDevicesInTransaction())
                    .as("one update for the router's 499 changes, one for the SIM's change")
                    .isEqualTo(2);
        });

        assertRowsAreTheInMemoryReplayOf(events, List.of(yoigo.value()), 3);
        DeviceRow router = new JdbcDeviceStore(jdbc, schema)
                .device("yoigo", yoigo.value(), this.router.value())
                .orElseThrow();
        assertThat(router.serialNumber()).isEqualTo("SN-500");
        assertThat(router.version()).isEqualTo(500);
    }

    @Test
    void a_transaction_that_rolls_back_leaves_nothing_behind_for_the_next() {
        DeviceProjection replay = model.replayProjection(schema);

        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
                    apply(replay, new SubscriptionCreated(yoigo, "yoigo", 7, 4711));
                    apply(replay, new DeviceAdded(yoigo, sim, 11, DeviceCategory.SIM, Devices.sim(card, null)));
                    throw new IllegalStateException("the batch failed");
                }))
                .hasMessage("the batch failed");
        transaction.executeWithoutResult(
                status -> apply(replay, new SubscriptionCreated(masmovil, "masmovil", 8, 4712)));

        assertThat(model.rowsOf(schema, List.of(yoigo.value(), masmovil.value())))
                .extracting(row -> row.key())
                .containsExactly(masmovil.value());
    }

    /** The subscriptions' rows in the schema are those the same events make in memory, and that many. */
    private void assertRowsAreTheInMemoryReplayOf(List<Object> events, List<UUID> subscriptions, int rows) {
        InMemoryDeviceModel memory = model.inMemory();
        events.forEach(event -> apply(memory.projection(), event));
        assertThat(model.rowsOf(schema, subscriptions))
                .containsExactlyInAnyOrderElementsOf(memory.rowsOf(subscriptions))
                .hasSize(rows);
    }

    private long updatesOfDevicesInTransaction() {
        return batches.queryForObject(
                "select n_tup_upd from pg_stat_xact_user_tables where schemaname = ? and relname = 'device_view'",
                Long.class,
                schema);
    }

    private long rowsInTransaction() {
        return batches.queryForObject(
                "select (select count(*) from " + schema + ".subscription_view) + (select count(*) from " + schema
                        + ".device_view)",
                Long.class);
    }

    private static void apply(DeviceProjection projection, Object event) {
        if (event instanceof SubscriptionCreated created) {
            projection.on(created);
        } else if (event instanceof MsisdnChanged changed) {
            projection.on(changed);
        } else if (event instanceof DeviceAdded added) {
            projection.on(added);
        } else if (event instanceof DeviceDetailsChanged changed) {
            projection.on(changed);
        } else if (event instanceof SimReplaced replaced) {
            projection.on(replaced);
        } else {
            throw new IllegalArgumentException(event.toString());
        }
    }
}
