package com.subscriptiondevices.query.audit;

import com.subscriptiondevices.api.audit.FindSubscriptionHistory;
import com.subscriptiondevices.api.audit.RecordedEvent;
import com.subscriptiondevices.api.audit.SubscriptionHistory;
import com.subscriptiondevices.api.device.FindDeviceAsOf;
import com.subscriptiondevices.api.device.SubscriptionDevices;
import com.subscriptiondevices.api.subscription.SubscriptionId;
import com.subscriptiondevices.api.v1.FindV1DeviceAsOf;
import com.subscriptiondevices.api.v1.SubscriptionRef;
import com.subscriptiondevices.api.v1.V1Devices;
import com.subscriptiondevices.readmodel.Replay;
import com.subscriptiondevices.readmodel.device.DeviceModel;
import com.subscriptiondevices.readmodel.device.DeviceModel.InMemoryDeviceModel;
import com.subscriptiondevices.readmodel.v1.V1Model;
import com.subscriptiondevices.readmodel.v1.V1Model.InMemoryV1Model;
import java.util.List;
import java.util.Optional;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * Answers the audit queries from the event store: a subscription's history, and its devices as they
 * were at an instant. Time travel replays the subscription's events up to the instant through the read
 * models' own projections, in memory: the past is shown by the same rules as the present. A
 * subscription of another org does not exist for the caller.
 */
@Component
class AuditQueries {

    private final EventLog events;
    private final DeviceModel devices;
    private final V1Model v1;

    AuditQueries(EventLog events, DeviceModel devices, V1Model v1) {
        this.events = events;
        this.devices = devices;
        this.v1 = v1;
    }

    /** Reads one event more than the page holds, to know whether another page follows. */
    @QueryHandler
    SubscriptionHistory handle(FindSubscriptionHistory query) {
        if (!events.orgOf(query.subscriptionId()).map(query.org()::equals).orElse(false)) {
            return SubscriptionHistory.subscriptionNotFound();
        }
        List<RecordedEvent> page = events.page(query.subscriptionId(), query.afterSequence(), query.limit() + 1);
        boolean more = page.size() > query.limit();
        return new SubscriptionHistory(true, more ? page.subList(0, query.limit()) : page, more);
    }

    @QueryHandler
    SubscriptionDevices handle(FindDeviceAsOf query) {
        InMemoryDeviceModel then = devices.inMemory();
        replay(then.projection(), events.until(query.subscriptionId(), query.asOf()));
        if (then.reads().subscription(query.org(), query.subscriptionId()).isEmpty()) {
            return SubscriptionDevices.notFound();
        }
        return new SubscriptionDevices(
                true,
                then.reads()
                        .device(query.org(), query.subscriptionId(), query.deviceId())
                        .map(List::of)
                        .orElse(List.of()));
    }

    @QueryHandler
    V1Devices handle(FindV1DeviceAsOf query) {
        Optional<SubscriptionId> subscription = subscriptionOf(query.org(), query.subscription());
        if (subscription.isEmpty()) {
            return V1Devices.subscriptionNotFound();
        }
        InMemoryV1Model then = v1.inMemory();
        replay(then.projection(), events.until(subscription.get(), query.asOf()));
        if (then.reads()
                .subscriptionOf(
                        query.org(),
                        new SubscriptionRef(null, subscription.get().value()))
                .isEmpty()) {
            return V1Devices.subscriptionNotFound();
        }
        return new V1Devices(
                true, then.reads().devices(subscription.get(), null, query.deviceLegacyId(), query.onlyActive()));
    }

    /**
     * The subscription a V1 path names. A legacy id is looked up among the registered subscriptions:
     * identities never change, so the read model may say which subscription it is; everything else
     * comes from the event store.
     */
    private Optional<SubscriptionId> subscriptionOf(String org, SubscriptionRef ref) {
        if (ref.id() != null) {
            return Optional.of(SubscriptionId.of(ref.id()));
        }
        return v1.live().subscriptionOf(org, ref);
    }

    private static void replay(Object projection, List<? extends EventMessage<?>> events) {
        Replay replay = new Replay(projection);
        events.forEach(replay::apply);
    }
}
