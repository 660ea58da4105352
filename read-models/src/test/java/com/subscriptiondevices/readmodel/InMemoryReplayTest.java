package com.subscriptiondevices.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.subscriptiondevices.api.device.AppliedOperation;
import com.subscriptiondevices.api.device.DeviceAdded;
import com.subscriptiondevices.api.device.DeviceCategory;
import com.subscriptiondevices.api.device.DeviceDetailsChanged;
import com.subscriptiondevices.api.device.DeviceId;
import com.subscriptiondevices.api.device.DeviceView;
import com.subscriptiondevices.api.device.FabricationType;
import com.subscriptiondevices.api.device.SimCard;
import com.subscriptiondevices.api.simreplacement.ChangeRequestStatus;
import com.subscriptiondevices.api.simreplacement.SimReplacementRejected;
import com.subscriptiondevices.api.subscription.SubscriptionCreated;
import com.subscriptiondevices.api.subscription.SubscriptionId;
import com.subscriptiondevices.api.subscription.SubscriptionView;
import com.subscriptiondevices.api.v1.V1ChangeRequestView;
import com.subscriptiondevices.api.v1.V1DeviceView;
import com.subscriptiondevices.readmodel.device.DeviceModel.InMemoryDeviceModel;
import com.subscriptiondevices.readmodel.v1.V1Model.InMemoryV1Model;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;

/**
 * Time travel and verification replay events in memory through the read models' own projections:
 * events in, the device as V2 and V1 showed it out.
 */
class InMemoryReplayTest {

    private static final Instant CREATED = Instant.parse("2026-03-01T09:00:00Z");
    private static final Instant ADDED = Instant.parse("2026-03-01T09:01:00Z");
    private static final Instant REQUESTED = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant SWAPPED = Instant.parse("2026-03-01T10:05:00Z");

    private final SubscriptionId subscription = SubscriptionId.random();
    private final DeviceId sim = DeviceId.random();
    private final SimCard card =
            new SimCard("8934011411551283144", "214035453370793", "0123", "01234567", null, null, FabricationType.PSIM);

    @Test
    void before_the_subscription_was_created_there_is_no_org_and_no_device() {
        DeviceTimeline timeline = DeviceTimeline.replay(subscription, List.of());

        assertThat(timeline.org()).isEmpty();
        assertThat(timeline.v2(sim)).isEmpty();
    }

    @Test
    void a_device_appears_when_added_at_version_one_and_follows_its_changes() {
        DeviceTimeline timeline = new DeviceTimeline(subscription);
        timeline.apply(new SubscriptionCreated(subscription, "yoigo", 7, 4711), CREATED);
        assertThat(timeline.org()).contains("yoigo");
        assertThat(timeline.v2(sim)).as("not added yet").isEmpty();

        timeline.apply(new DeviceAdded(subscription, sim, 11, DeviceCategory.SIM, Devices.sim(card, null)), ADDED);
        DeviceView added = timeline.v2(sim).orElseThrow();
        assertThat(added.version()).isEqualTo(1);
        assertThat(added.legacyId()).isEqualTo(11);
        assertThat(added.details().deviceAdditionalDetails()).isEqualTo(card);

        Instant returned = Instant.parse("2026-03-02T00:00:00Z");
        timeline.apply(
                new DeviceDetailsChanged(
                        subscription,
                        sim,
                        2,
                        Devices.sim(card, returned),
                        List.of(new AppliedOperation("add", "/in_store_returned_date", null, "RETURNED"))),
                ADDED.plusSeconds(60));
        DeviceView changed = timeline.v2(sim).orElseThrow();
        assertThat(changed.version()).isEqualTo(2);
        assertThat(changed.details().inStoreReturnedDate()).isEqualTo(returned);
        V1DeviceView v1 = timeline.v1(11, false).orElseThrow();
        assertThat(v1.status()).isEqualTo(V1DeviceView.INACTIVE);
        assertThat(timeline.v1(11, true)).as("only active devices").isEmpty();
    }

    @Test
    void a_replacement_is_pending_until_the_network_swaps_the_sim_and_then_processed() {
        UUID request = UUID.randomUUID();
        DeviceTimeline timeline = added();

        timeline.apply(Devices.replacementRequested(subscription, sim, request, card), REQUESTED);
        V1ChangeRequestView pending = timeline.v1(11, false)
                .orElseThrow()
                .subscriptionDeviceChangeRequests()
                .get(0);
        assertThat(pending.status()).isEqualTo(ChangeRequestStatus.PENDING);
        assertThat(pending.requestDate()).isEqualTo(REQUESTED);
        assertThat(pending.processedDate()).isNull();
        assertThat(timeline.v1(11, true).orElseThrow().subscriptionDeviceChangeRequests())
                .as("only_active shows no change requests")
                .isEmpty();

        timeline.apply(Devices.simReplaced(subscription, sim, request, 2, card), SWAPPED);
        V1DeviceView v1 = timeline.v1(11, false).orElseThrow();
        V1ChangeRequestView processed = v1.subscriptionDeviceChangeRequests().get(0);
        assertThat(processed.status()).isEqualTo(ChangeRequestStatus.PROCESSED);
        assertThat(processed.requestDate()).isEqualTo(REQUESTED);
        assertThat(processed.processedDate()).isEqualTo(SWAPPED);
        assertThat(v1.deviceAdditionalDetails().iccid()).isEqualTo("89340114115512831440");
        assertThat(v1.deviceAdditionalDetails().pin2()).isEqualTo("7253");
        assertThat(v1.deviceAdditionalDetails().fabricationType()).isEqualTo("eSIM");
        DeviceView v2 = timeline.v2(sim).orElseThrow();
        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.details().deviceAdditionalDetails().imsi()).isEqualTo("214035453370794");
    }

    @Test
    void a_rejected_replacement_leaves_the_sim_and_requests_are_listed_newest_first() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        DeviceTimeline timeline = added();

        timeline.apply(Devices.replacementRequested(subscription, sim, first, card), REQUESTED);
        timeline.apply(new SimReplacementRejected(subscription, sim, first, "8934", "REJECTED_BY_NETWORK"), SWAPPED);
        timeline.apply(Devices.replacementRequested(subscription, sim, second, card), SWAPPED.plusSeconds(60));

        V1DeviceView v1 = timeline.v1(11, false).orElseThrow();
        assertThat(v1.subscriptionDeviceChangeRequests())
                .extracting(V1ChangeRequestView::status, V1ChangeRequestView::rejectionReason)
                .containsExactly(
                        tuple(ChangeRequestStatus.PENDING, null),
                        tuple(ChangeRequestStatus.REJECTED, "REJECTED_BY_NETWORK"));
        assertThat(v1.deviceAdditionalDetails().iccid()).isEqualTo(card.iccid());
        assertThat(timeline.v2(sim).orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void replays_event_messages_with_their_own_timestamps() {
        UUID request = UUID.randomUUID();
        DeviceTimeline timeline = DeviceTimeline.replay(
                subscription,
                List.of(
                        message(0, new SubscriptionCreated(subscription, "yoigo", 7, 4711), CREATED),
                        message(
                                1,
                                new DeviceAdded(subscription, sim, 11, DeviceCategory.SIM, Devices.sim(card, null)),
                                ADDED),
                        message(2, Devices.replacementRequested(subscription, sim, request, card), REQUESTED)));

        assertThat(timeline.org()).contains("yoigo");
        assertThat(timeline.v1(11, false).orElseThrow().subscriptionDeviceChangeRequests())
                .extracting(V1ChangeRequestView::requestDate)
                .containsExactly(REQUESTED);
    }

    private DeviceTimeline added() {
        DeviceTimeline timeline = new DeviceTimeline(subscription);
        timeline.apply(new SubscriptionCreated(subscription, "yoigo", 7, 4711), CREATED);
        timeline.apply(new DeviceAdded(subscription, sim, 11, DeviceCategory.SIM, Devices.sim(card, null)), ADDED);
        return timeline;
    }

    private GenericDomainEventMessage<Object> message(long sequence, Object payload, Instant timestamp) {
        return new GenericDomainEventMessage<>(
                "Subscription",
                subscription.toString(),
                sequence,
                payload,
                MetaData.emptyInstance(),
                UUID.randomUUID().toString(),
                timestamp);
    }

    /** Both read models in memory, fed by their projections: what V2 and V1 showed after the events. */
    private static final class DeviceTimeline {

        private final SubscriptionId subscription;
        private final InMemoryDeviceModel v2 = new InMemoryDeviceModel();
        private final InMemoryV1Model v1 = new InMemoryV1Model();
        private final Replay v2Replay = new Replay(v2.projection());
        private final Replay v1Replay = new Replay(v1.projection());

        DeviceTimeline(SubscriptionId subscription) {
            this.subscription = subscription;
        }

        static DeviceTimeline replay(SubscriptionId subscription, List<? extends EventMessage<?>> events) {
            DeviceTimeline timeline = new DeviceTimeline(subscription);
            events.forEach(timeline::apply);
            return timeline;
        }

        void apply(Object payload, Instant timestamp) {
            apply(new GenericEventMessage<>(new GenericMessage<>(payload), () -> timestamp));
        }

        void apply(EventMessage<?> event) {
            v2Replay.apply(event);
            v1Replay.apply(event);
        }

        Optional<String> org() {
            return v2.reads().subscription("yoigo", subscription).map(SubscriptionView::org);
        }

        Optional<DeviceView> v2(DeviceId device) {
            return v2.reads().device("yoigo", subscription, device);
        }

        Optional<V1DeviceView> v1(long legacyId, boolean onlyActive) {
            return v1.reads().devices(subscription, null, legacyId, onlyActive).stream()
                    .findFirst();
        }
    }
}
