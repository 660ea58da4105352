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
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Answers the audit queries from the event store: a subscription's history, and its devices as they
 * were at an instant. A subscription of another org does not exist for the caller.
 */
@Component
class AuditQueries {

    private final EventLog events;
    private final JdbcClient jdbc;

    AuditQueries(EventLog events, JdbcClient jdbc) {
        this.events = events;
        this.jdbc = jdbc;
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
        DeviceTimeline timeline = DeviceTimeline.replay(events.until(query.subscriptionId(), query.asOf()));
        if (!inOrg(timeline, query.org())) {
            return SubscriptionDevices.notFound();
        }
        return new SubscriptionDevices(
                true, timeline.v2(query.deviceId()).map(List::of).orElse(List.of()));
    }

    @QueryHandler
    V1Devices handle(FindV1DeviceAsOf query) {
        Optional<SubscriptionId> subscription = subscriptionOf(query.subscription());
        if (subscription.isEmpty()) {
            return V1Devices.subscriptionNotFound();
        }
        DeviceTimeline timeline = DeviceTimeline.replay(events.until(subscription.get(), query.asOf()));
        if (!inOrg(timeline, query.org())) {
            return V1Devices.subscriptionNotFound();
        }
        return new V1Devices(
                true,
                timeline.v1(query.deviceLegacyId(), query.onlyActive())
                        .map(List::of)
                        .orElse(List.of()));
    }

    /** The subscription existed at the instant, in this org (an org never changes). */
    private static boolean inOrg(DeviceTimeline timeline, String org) {
        return timeline.org().map(org::equals).orElse(false);
    }

    /**
     * The subscription a V1 path names. A legacy id is looked up among the registered subscriptions:
     * identities never change, so the read model may say which subscription it is; everything else
     * comes from the event store.
     */
    private Optional<SubscriptionId> subscriptionOf(SubscriptionRef ref) {
        if (ref.id() != null) {
            return Optional.of(SubscriptionId.of(ref.id()));
        }
        return jdbc.sql("select subscription_id from subscription_view where legacy_id = ?")
                .param(ref.legacyId())
                .query((rs, row) -> SubscriptionId.of(rs.getObject(1, UUID.class)))
                .optional();
    }
}
