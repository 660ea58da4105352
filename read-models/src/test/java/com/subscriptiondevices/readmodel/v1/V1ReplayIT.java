package com.subscriptiondevices.readmodel.v1;

import static org.assertj.core.api.Assertions.assertThat;

import com.subscriptiondevices.api.device.AppliedOperation;
import com.subscriptiondevices.api.device.DeviceAdded;
import com.subscriptiondevices.api.device.DeviceCategory;
import com.subscriptiondevices.api.device.DeviceDetailsChanged;
import com.subscriptiondevices.api.device.DeviceId;
import com.subscriptiondevices.api.device.FabricationType;
import com.subscriptiondevices.api.device.SimCard;
import com.subscriptiondevices.api.simreplacement.SimReplacementRejected;
import com.subscriptiondevices.api.subscription.SubscriptionCreated;
import com.subscriptiondevices.api.subscription.SubscriptionId;
import com.subscriptiondevices.platform.data.WritePipeline;
import com.subscriptiondevices.readmodel.Devices;
import com.subscriptiondevices.readmodel.ScratchSchema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A rebuild's replay into a version of the V1 read model on PostgreSQL: its writes are held back and
 * sent in batches in a declared order (a replaced SIM's card before the devices' later changes, requests
 * before their outcomes), when the projection reads and when the transaction commits; the rows it ends
 * with are the ones the same rules make in memory.
 */
class V1ReplayIT {

    private static final Instant REQUESTED = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant SWAPPED = Instant.parse("2026-03-01T10:05:00Z");
    private static final Instant REQUESTED_AGAIN = Instant.parse("2026-03-02T10:00:00Z");

    private final ScratchSchema scratch = new ScratchSchema("v1_replay");
    private final String schema = scratch.name();
    private final JdbcClient jdbc = scratch.jdbc();
    private final JdbcTemplate batches = scratch.batches();
    private final TransactionTemplate transaction = scratch.transaction();
    private final V1Model model = new V1Model(jdbc, batches, new WritePipeline(batches));

    private final SubscriptionId subscription = SubscriptionId.random();
    private final DeviceId sim = DeviceId.random();
    private final SimCard card =
            new SimCard("8934011411551283144", "214035453370793", "0123", "01234567", null, null, FabricationType.PSIM);
    private final UUID replaced = UUID.randomUUID();
    private final UUID rejected = UUID.randomUUID();

    @BeforeEach
    void migrate() {
        scratch.migrate("db/read-models/v1");
    }

    @AfterEach
    void dropSchema() {
        scratch.drop();
    }

    @Test
    void writes_wait_for_a_read_or_the_commit_and_end_as_the_rules_make_them_in_memory() {
        SimCard changedAfterTheSwap = new SimCard(
                "89340114115512831440", "214035453370794", "2222", "22222222", null, null, FabricationType.ESIM);
        List<Consumer<V1DeviceProjection>> beforeTheSwap = List.of(
                p -> p.on(new SubscriptionCreated(subscription, "yoigo", 7, 4711)),
                p -> p.on(new DeviceAdded(subscription, sim, 11, DeviceCategory.SIM, Devices.sim(card, null))),
                p -> p.on(new DeviceDetailsChanged(
                        subscription,
                        sim,
                        2,
                        Devices.sim(card, null),
                        List.of(new AppliedOperation("replace", "/contract_document_id", null, null)))),
                p -> p.on(Devices.replacementRequested(subscription, sim, replaced, card), REQUESTED));
        List<Consumer<V1DeviceProjection>> fromTheSwap = List.of(
                // reads the card it replaces: what is held back is sent first
                p -> p.on(Devices.simReplaced(subscription, sim, replaced, 3, card), SWAPPED),
                // a change after the swap, held back with the swap's new card: the change must win
                p -> p.on(new DeviceDetailsChanged(
                        subscription,
                        sim,
                        4,
                        Devices.sim(changedAfterTheSwap, null),
                        List.of(new AppliedOperation("replace", "/device_additional_details/pin", null, null)))),
                // a request and its outcome in the same batch
                p -> p.on(Devices.replacementRequested(subscription, sim, rejected, card), REQUESTED_AGAIN),
                p -> p.on(
                        new SimReplacementRejected(subscription, sim, rejected, card.iccid(), "REJECTED_BY_NETWORK")));
        V1DeviceProjection replay = model.replayProjection(schema);

        transaction.executeWithoutResult(status -> {
            beforeTheSwap.forEach(event -> event.accept(replay));
            assertThat(rowsInTransaction())
                    .as("nothing written yet: held back until a read or the commit")
                    .isZero();
            fromTheSwap.forEach(event -> event.accept(replay));
            assertThat(rowsInTransaction())
                    .as("the swap's read sent what was held back: subscription, device, first request")
                    .isEqualTo(3);
        });

        V1Model.InMemoryV1Model memory = model.inMemory();
        beforeTheSwap.forEach(event -> event.accept(memory.projection()));
        fromTheSwap.forEach(event -> event.accept(memory.projection()));
        List<UUID> subscriptions = List.of(subscription.value());
        assertThat(model.rowsOf(schema, subscriptions))
                .containsExactlyInAnyOrderElementsOf(memory.rowsOf(subscriptions))
                .hasSize(4);
        assertThat(jdbc.sql("select additional_details from " + schema + ".v1_device where device_id = ?")
                        .param(sim.value())
                        .query(String.class)
                        .single())
                .as("the change after the swap, not the swap's codes")
                .contains("2222")
                .doesNotContain("1006");
        assertThat(jdbc.sql("select status from " + schema + ".v1_change_request order by request_date")
                        .query(String.class)
                        .list())
                .containsExactly("PROCESSED", "REJECTED");
    }

    private long rowsInTransaction() {
        return batches.queryForObject(
                "select (select count(*) from " + schema + ".v1_subscription) + (select count(*) from " + schema
                        + ".v1_device) + (select count(*) from " + schema + ".v1_change_request)",
                Long.class);
    }
}
