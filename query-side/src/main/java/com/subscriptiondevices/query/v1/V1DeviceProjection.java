package com.subscriptiondevices.query.v1;

import com.subscriptiondevices.api.device.DeviceAdded;
import com.subscriptiondevices.api.device.DeviceCategory;
import com.subscriptiondevices.api.device.DeviceDetails;
import com.subscriptiondevices.api.device.DeviceDetailsChanged;
import com.subscriptiondevices.api.simreplacement.SimReplaced;
import com.subscriptiondevices.api.simreplacement.SimReplacementRejected;
import com.subscriptiondevices.api.simreplacement.SimReplacementRequested;
import com.subscriptiondevices.api.subscription.SubscriptionCreated;
import com.subscriptiondevices.query.v1.V1DeviceViewRepository.DeviceState;
import com.subscriptiondevices.query.v1.V1DeviceViewRepository.RequestedChange;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

/**
 * Keeps the V1 read model ({@code GetSubscriptionDevice}): each device as V1 shows it, with the
 * history of its SIM replacements. A read model of its own, rebuilt apart from the V2 one; its token
 * is stored in the same transaction as its rows, so each event takes effect exactly once.
 */
@Component
@ProcessingGroup(V1DeviceProjection.GROUP)
class V1DeviceProjection {

    static final String GROUP = "v1-device-projection";

    private final V1DeviceViewRepository views;

    V1DeviceProjection(V1DeviceViewRepository views) {
        this.views = views;
    }

    @EventHandler
    void on(SubscriptionCreated event) {
        views.saveSubscription(event.subscriptionId(), event.org(), event.legacyId());
    }

    @EventHandler
    void on(DeviceAdded event) {
        views.saveDevice(
                event.deviceId(),
                event.subscriptionId(),
                event.legacyId(),
                event.category(),
                stateOf(event.category(), event.details()));
    }

    @EventHandler
    void on(DeviceDetailsChanged event) {
        views.categoryOf(event.deviceId())
                .ifPresent(category -> views.changeDevice(event.deviceId(), stateOf(category, event.details())));
    }

    @EventHandler
    void on(SimReplacementRequested event, @Timestamp Instant requestedAt) {
        views.saveRequest(new RequestedChange(
                event.requestId(),
                event.deviceId(),
                requestedAt,
                event.userName(),
                event.changeReason(),
                event.contractDocumentId(),
                event.fabricationType(),
                event.iccid(),
                event.imsi(),
                event.newIccid(),
                event.newImsi()));
    }

    /** The device now holds the new card, of the fabrication type asked for, with the codes provisioning gave it. */
    @EventHandler
    void on(SimReplaced event, @Timestamp Instant processedAt) {
        views.markProcessed(event.requestId(), processedAt);
        views.additionalDetailsOf(event.deviceId())
                .ifPresent(current ->
                        views.changeAdditionalDetails(event.deviceId(), V1Mapping.afterSimReplaced(current, event)));
    }

    /** The device keeps its SIM. */
    @EventHandler
    void on(SimReplacementRejected event) {
        views.markRejected(event.requestId(), event.reason());
    }

    @ResetHandler
    void reset() {
        views.deleteAll();
    }

    /** What V1 shows of the device, by the rules in {@link V1Mapping}. */
    private static DeviceState stateOf(DeviceCategory category, DeviceDetails details) {
        return new DeviceState(
                V1Mapping.deviceId(details),
                V1Mapping.status(details),
                details.contractDocumentId(),
                V1Mapping.additionalDetails(category, details));
    }
}
