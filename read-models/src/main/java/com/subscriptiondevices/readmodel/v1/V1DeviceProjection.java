package com.subscriptiondevices.readmodel.v1;

import com.subscriptiondevices.api.device.DeviceAdded;
import com.subscriptiondevices.api.device.DeviceCategory;
import com.subscriptiondevices.api.device.DeviceDetails;
import com.subscriptiondevices.api.device.DeviceDetailsChanged;
import com.subscriptiondevices.api.simreplacement.ChangeRequestStatus;
import com.subscriptiondevices.api.simreplacement.SimReplaced;
import com.subscriptiondevices.api.simreplacement.SimReplacementRejected;
import com.subscriptiondevices.api.simreplacement.SimReplacementRequested;
import com.subscriptiondevices.api.subscription.SubscriptionCreated;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;

/**
 * The rules of the V1 read model ({@code GetSubscriptionDevice}): each device as V1 shows it, with the
 * history of its SIM replacements, by the mapping in {@link V1Mapping}. The same code keeps the live
 * tables (in the command's transaction), fills a new version during a rebuild, and replays events in
 * memory for verification and time travel.
 */
@ProcessingGroup(V1Model.NAME)
public final class V1DeviceProjection {

    private final V1Store store;

    V1DeviceProjection(V1Store store) {
        this.store = store;
    }

    @EventHandler
    void on(SubscriptionCreated event) {
        store.put(new V1SubscriptionRow(event.subscriptionId().value(), event.org(), event.legacyId()));
    }

    @EventHandler
    void on(DeviceAdded event) {
        DeviceDetails details = event.details();
        store.put(new V1DeviceRow(
                event.deviceId().value(),
                event.subscriptionId().value(),
                event.legacyId(),
                event.category().name(),
                V1Mapping.deviceId(details),
                V1Mapping.status(details),
                details.contractDocumentId(),
                V1Rows.json(V1Mapping.additionalDetails(event.category(), details))));
    }

    @EventHandler
    void on(DeviceDetailsChanged event) {
        DeviceDetails details = event.details();
        store.changeDevice(
                event.deviceId().value(),
                V1Mapping.deviceId(details),
                V1Mapping.status(details),
                details.contractDocumentId(),
                V1Rows.json(V1Mapping.additionalDetails(DeviceCategory.SIM, details)),
                V1Rows.json(V1Mapping.additionalDetails(DeviceCategory.OTHER, details)));
    }

    @EventHandler
    void on(SimReplacementRequested event, @Timestamp Instant requestedAt) {
        store.putRequest(new ChangeRequestRow(
                event.requestId(),
                event.deviceId().value(),
                event.subscriptionId().value(),
                ChangeRequestStatus.PENDING.name(),
                requestedAt,
                event.userName(),
                event.changeReason(),
                event.contractDocumentId(),
                event.fabricationType() == null ? null : event.fabricationType().name(),
                event.iccid(),
                event.imsi(),
                event.newIccid(),
                event.newImsi(),
                null,
                null));
    }

    /** The device now holds the new card, of the fabrication type asked for, with the codes provisioning gave it. */
    @EventHandler
    void on(SimReplaced event, @Timestamp Instant processedAt) {
        store.markProcessed(event.requestId(), processedAt);
        store.additionalDetails(event.deviceId().value())
                .map(V1Rows::additionalDetails)
                .ifPresent(current -> store.changeAdditionalDetails(
                        event.deviceId().value(), V1Rows.json(V1Mapping.afterSimReplaced(current, event))));
    }

    /** The device keeps its SIM. */
    @EventHandler
    void on(SimReplacementRejected event) {
        store.markRejected(event.requestId(), event.reason());
    }
}
