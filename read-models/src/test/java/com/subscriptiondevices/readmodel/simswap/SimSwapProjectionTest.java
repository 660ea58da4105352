package com.subscriptiondevices.readmodel.simswap;

import static org.assertj.core.api.Assertions.assertThat;

import com.subscriptiondevices.api.device.DeviceAdded;
import com.subscriptiondevices.api.device.DeviceCategory;
import com.subscriptiondevices.api.device.DeviceId;
import com.subscriptiondevices.api.device.FabricationType;
import com.subscriptiondevices.api.device.SimCard;
import com.subscriptiondevices.api.simreplacement.SignatureType;
import com.subscriptiondevices.api.simreplacement.SimReplaced;
import com.subscriptiondevices.api.simreplacement.SimReplacementRejected;
import com.subscriptiondevices.api.simreplacement.SimReplacementRequested;
import com.subscriptiondevices.api.subscription.MsisdnChanged;
import com.subscriptiondevices.api.subscription.SubscriptionCreated;
import com.subscriptiondevices.api.subscription.SubscriptionId;
import com.subscriptiondevices.readmodel.Devices;
import com.subscriptiondevices.readmodel.Replay;
import com.subscriptiondevices.readmodel.simswap.SimSwapModel.InMemorySimSwapModel;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.GenericMessage;
import org.junit.jupiter.api.Test;

/**
 * The definition of a number's latest SIM change, events in, answers out: through the projection the
 * live table, rebuilds and verification share.
 */
class SimSwapProjectionTest {

    private static final String NUMBER = "+34600123456";
    private static final List<String> YOIGO = List.of("yoigo");

    private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

    private final InMemorySimSwapModel model = new InMemorySimSwapModel();
    private final Replay projection = new Replay(model.projection());
    private final SubscriptionId subscription = SubscriptionId.random();
    private final SubscriptionId other = SubscriptionId.random();
    private final DeviceId sim = DeviceId.random();

    @Test
    void a_number_given_changed_sim_when_it_was_given() {
        at(T0, new SubscriptionCreated(subscription, "yoigo", 1, 4711));
        at(T0.plusSeconds(60), new MsisdnChanged(subscription, "yoigo", NUMBER, null));

        assertThat(latest()).contains(T0.plusSeconds(60));
    }

    @Test
    void a_sim_added_before_the_number_was_given_is_not_later_than_the_number() {
        at(T0, simAdded(subscription, DeviceCategory.SIM));
        at(T0.plusSeconds(3600), new MsisdnChanged(subscription, "yoigo", NUMBER, null));

        assertThat(latest()).contains(T0.plusSeconds(3600));
    }

    @Test
    void a_sim_added_or_replaced_later_is_the_latest_change_and_a_terminal_is_not() {
        at(T0, new MsisdnChanged(subscription, "yoigo", NUMBER, null));
        at(T0.plusSeconds(10), simAdded(subscription, DeviceCategory.SIM));
        assertThat(latest()).contains(T0.plusSeconds(10));

        at(T0.plusSeconds(20), simAdded(subscription, DeviceCategory.OTHER));
        assertThat(latest()).as("a terminal is no SIM").contains(T0.plusSeconds(10));

        at(T0.plusSeconds(30), replaced(subscription));
        assertThat(latest()).contains(T0.plusSeconds(30));
    }

    @Test
    void a_replacement_asked_for_or_rejected_is_no_swap() {
        at(T0, new MsisdnChanged(subscription, "yoigo", NUMBER, null));
        UUID request = UUID.randomUUID();
        at(
                T0.plusSeconds(10),
                new SimReplacementRequested(
                        subscription,
                        sim,
                        request,
                        "agent",
                        "lost",
                        null,
                        FabricationType.ESIM,
                        "SIG-1",
                        SignatureType.DIGITAL,
                        "8934011411551283144",
                        "214035453370793",
                        "89340114115512831440",
                        "214035453370794"));
        at(
                T0.plusSeconds(20),
                new SimReplacementRejected(subscription, sim, request, "89340114115512831440", "REJECTED_BY_NETWORK"));

        assertThat(latest()).contains(T0);
    }

    @Test
    void a_number_moved_to_another_subscription_changed_sim_for_its_new_holder() {
        at(T0, new MsisdnChanged(subscription, "yoigo", NUMBER, null));
        at(T0.plusSeconds(100), replaced(subscription));
        at(T0.plusSeconds(200), new MsisdnChanged(subscription, "yoigo", null, NUMBER));
        assertThat(latest()).as("removed: unknown").isEmpty();

        at(T0.plusSeconds(300), new MsisdnChanged(other, "yoigo", NUMBER, null));
        assertThat(latest()).contains(T0.plusSeconds(300));
        at(T0.plusSeconds(400), replaced(subscription));
        assertThat(latest())
                .as("the old holder's SIM is not the number's any more")
                .contains(T0.plusSeconds(300));
    }

    @Test
    void a_subscription_that_changes_its_number_keeps_its_latest_change_under_the_new_one_only() {
        at(T0, new MsisdnChanged(subscription, "yoigo", NUMBER, null));
        at(T0.plusSeconds(50), new MsisdnChanged(subscription, "yoigo", "+34600999999", NUMBER));

        assertThat(latest()).isEmpty();
        assertThat(model.reads().latestSimChange("+34600999999", YOIGO)).contains(T0.plusSeconds(50));
        assertThat(model.rowsOf(List.of(subscription.value()))).hasSize(1);
    }

    @Test
    void a_number_held_in_another_org_is_unknown() {
        at(T0, new MsisdnChanged(subscription, "masmovil", NUMBER, null));

        assertThat(latest()).isEmpty();
        assertThat(model.reads().latestSimChange(NUMBER, List.of("yoigo", "masmovil")))
                .contains(T0);
    }

    @Test
    void an_event_older_than_the_latest_change_known_does_not_move_it_back() {
        at(T0.plusSeconds(100), new MsisdnChanged(subscription, "yoigo", NUMBER, null));
        at(T0.plusSeconds(99), replaced(subscription));

        assertThat(latest()).contains(T0.plusSeconds(100));
    }

    private java.util.Optional<Instant> latest() {
        return model.reads().latestSimChange(NUMBER, YOIGO);
    }

    private void at(Instant timestamp, Object event) {
        projection.apply(new GenericEventMessage<>(new GenericMessage<>(event), () -> timestamp));
    }

    private DeviceAdded simAdded(SubscriptionId to, DeviceCategory category) {
        SimCard card = category == DeviceCategory.SIM
                ? new SimCard("8934011411551283144", "214035453370793", null, null, null, null, FabricationType.PSIM)
                : null;
        return new DeviceAdded(to, DeviceId.random(), 7, category, Devices.sim(card, null));
    }

    private SimReplaced replaced(SubscriptionId of) {
        return new SimReplaced(
                of,
                sim,
                UUID.randomUUID(),
                2,
                "8934011411551283144",
                "89340114115512831440",
                "214035453370794",
                FabricationType.ESIM,
                null,
                null,
                null,
                null);
    }
}
