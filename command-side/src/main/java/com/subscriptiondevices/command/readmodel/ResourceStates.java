package com.subscriptiondevices.command.readmodel;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Scheduler;
import com.subscriptiondevices.api.device.DeviceId;
import com.subscriptiondevices.api.device.DeviceView;
import com.subscriptiondevices.api.subscription.SubscriptionId;
import com.subscriptiondevices.api.subscription.SubscriptionView;
import com.subscriptiondevices.api.v1.V1ChangeRequestView;
import com.subscriptiondevices.api.v1.V1DeviceView;
import com.subscriptiondevices.readmodel.Replay;
import com.subscriptiondevices.readmodel.device.DeviceModel;
import com.subscriptiondevices.readmodel.v1.V1Model;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A subscription's resources as the API showed them right after one of its events: the read models'
 * own projections, run in memory over the subscription's events up to and including that one (as time
 * travel does), never the live read model, which may already be further on. For a consumer that goes
 * through the events in order (the hub), each subscription's state is kept between events and one more
 * event is applied; it is replayed from the event store after a restart, when the consumer was rolled
 * back, or once the state was pushed out of memory.
 */
@Component
public class ResourceStates {

    private final DeviceModel devices;
    private final V1Model v1;
    private final ObjectProvider<EventStore> eventStore;
    private final JdbcClient jdbc;
    /**
     * A subscription's state leaves after two minutes without events (and is replayed at its next one): each
     * holds both read models of every device in memory, about 2 KB of heap a device.
     */
    private final Cache<String, State> states = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterAccess(Duration.ofMinutes(2))
            .scheduler(Scheduler.systemScheduler())
            .executor(Runnable::run)
            .build();

    private final Cache<String, String> orgs =
            Caffeine.newBuilder().maximumSize(100_000).executor(Runnable::run).build();

    ResourceStates(DeviceModel devices, V1Model v1, ObjectProvider<EventStore> eventStore, JdbcClient jdbc) {
        this.devices = devices;
        this.v1 = v1;
        this.eventStore = eventStore;
        this.jdbc = jdbc;
    }

    /** The org of a subscription (it never changes), from the live read model; empty for an unknown one. */
    public Optional<String> orgOf(String subscriptionId) {
        String org = orgs.getIfPresent(subscriptionId);
        if (org != null) {
            return Optional.of(org);
        }
        Optional<String> found = jdbc.sql(
                        "select org from " + DeviceModel.SCHEMA + ".subscription_view where subscription_id = ?")
                .param(java.util.UUID.fromString(subscriptionId))
                .query(String.class)
                .optional();
        found.ifPresent(known -> orgs.put(subscriptionId, known));
        return found;
    }

    /** The resources right after {@code event}, which must be the subscription's next event or a replayed one. */
    public After after(DomainEventMessage<?> event) {
        String subscription = event.getAggregateIdentifier();
        State state = states.getIfPresent(subscription);
        if (state == null || state.sequence != event.getSequenceNumber() - 1) {
            state = replayed(subscription, event.getSequenceNumber() - 1);
        }
        state.apply(event);
        states.put(subscription, state);
        return new After(state);
    }

    /** Forgets what is kept of a subscription: its next event is replayed from the store. */
    public void forget(String subscriptionId) {
        states.invalidate(subscriptionId);
    }

    private State replayed(String subscription, long upToSequence) {
        State state = new State(devices.inMemory(), v1.inMemory());
        if (upToSequence < 0) {
            return state;
        }
        DomainEventStream stream = eventStore.getObject().readEvents(subscription);
        while (stream.hasNext() && stream.peek().getSequenceNumber() <= upToSequence) {
            state.apply(stream.next());
        }
        return state;
    }

    /** One subscription in memory: both read models, written by their projections. */
    private static final class State {

        final DeviceModel.InMemoryDeviceModel devices;
        final V1Model.InMemoryV1Model v1;
        private final Replay deviceProjection;
        private final Replay v1Projection;
        long sequence = -1;

        State(DeviceModel.InMemoryDeviceModel devices, V1Model.InMemoryV1Model v1) {
            this.devices = devices;
            this.v1 = v1;
            this.deviceProjection = new Replay(devices.projection());
            this.v1Projection = new Replay(v1.projection());
        }

        void apply(DomainEventMessage<?> event) {
            deviceProjection.apply(event);
            v1Projection.apply(event);
            sequence = event.getSequenceNumber();
        }
    }

    /** What the reads showed right after the event. */
    public static final class After {

        private final State state;

        private After(State state) {
            this.state = state;
        }

        public Optional<SubscriptionView> subscription(String org, SubscriptionId id) {
            return state.devices.reads().subscription(org, id);
        }

        /** The device as V2 shows it, with every secret: the caller leaves them out as it must. */
        public Optional<DeviceView> device(String org, SubscriptionId subscription, DeviceId id) {
            return state.devices.reads().device(org, subscription, id);
        }

        /** The device's latest SIM replacement request as V1 shows it (V1 lists them newest first). */
        public Optional<V1ChangeRequestView> latestChangeRequest(SubscriptionId subscription, long deviceLegacyId) {
            List<V1DeviceView> found = state.v1.reads().devices(subscription, null, deviceLegacyId, false);
            return found.stream()
                    .flatMap(device -> device.subscriptionDeviceChangeRequests().stream())
                    .findFirst();
        }
    }
}
