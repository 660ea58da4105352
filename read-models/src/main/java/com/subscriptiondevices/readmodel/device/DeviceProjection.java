package com.subscriptiondevices.readmodel.device;

import com.subscriptiondevices.api.device.DeviceAdded;
import com.subscriptiondevices.api.device.DeviceDetails;
import com.subscriptiondevices.api.device.DeviceDetailsChanged;
import com.subscriptiondevices.api.device.DeviceView;
import com.subscriptiondevices.api.simreplacement.SimReplaced;
import com.subscriptiondevices.api.subscription.MsisdnChanged;
import com.subscriptiondevices.api.subscription.SubscriptionCreated;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

/**
 * The rules of the V2 device read model: devices by id, by subscription, and within an org by MAC
 * address, serial number, ICCID, IMSI and IMEI. The same code keeps the live tables (in the command's transaction), fills a
 * new version during a rebuild, and replays events in memory for verification and time travel.
 */
@ProcessingGroup(DeviceModel.NAME)
public final class DeviceProjection {

    private final DeviceStore store;

    DeviceProjection(DeviceStore store) {
        this.store = store;
    }

    @EventHandler
    void on(SubscriptionCreated event) {
        store.put(new SubscriptionRow(
                event.subscriptionId().value(), event.org(), event.legacyId(), event.legacyAccountId(), null));
    }

    @EventHandler
    void on(MsisdnChanged event) {
        store.changeMsisdn(event.subscriptionId().value(), event.msisdn());
    }

    @EventHandler
    void on(DeviceAdded event) {
        store.put(DeviceRows.row(new DeviceView(
                event.deviceId(), event.legacyId(), event.subscriptionId(), event.category(), event.details(), 1)));
    }

    @EventHandler
    void on(DeviceDetailsChanged event) {
        change(event.deviceId().value(), event.details(), event.version());
    }

    /** The network swapped the SIM: the device carries the new card and its codes. */
    @EventHandler
    void on(SimReplaced event) {
        store.details(event.deviceId().value())
                .map(DeviceRows::details)
                .ifPresent(details -> change(
                        event.deviceId().value(),
                        details.withDeviceAdditionalDetails(event.newCard()),
                        event.version()));
    }

    private void change(java.util.UUID deviceId, DeviceDetails details, long version) {
        store.changeDetails(deviceId, DeviceKeys.of(details), version, DeviceRows.json(details));
    }
}
