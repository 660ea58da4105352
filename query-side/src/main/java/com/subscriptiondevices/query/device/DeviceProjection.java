package com.subscriptiondevices.query.device;

import com.subscriptiondevices.api.device.DeviceAdded;
import com.subscriptiondevices.api.device.DeviceDetailsChanged;
import com.subscriptiondevices.api.device.DeviceView;
import com.subscriptiondevices.api.simreplacement.SimReplaced;
import com.subscriptiondevices.api.subscription.SubscriptionCreated;
import com.subscriptiondevices.api.subscription.SubscriptionView;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.stereotype.Component;

/**
 * Keeps the V2 device read model: devices by id, by subscription, by MAC address and by serial
 * number within an org. A streaming processor whose token is stored in the same transaction as these
 * rows, so each event takes effect exactly once.
 */
@Component
@ProcessingGroup(DeviceProjection.GROUP)
class DeviceProjection {

    static final String GROUP = "device-projection";

    private final DeviceViewRepository views;

    DeviceProjection(DeviceViewRepository views) {
        this.views = views;
    }

    @EventHandler
    void on(SubscriptionCreated event) {
        views.saveSubscription(
                new SubscriptionView(event.subscriptionId(), event.legacyId(), event.legacyAccountId(), event.org()));
    }

    @EventHandler
    void on(DeviceAdded event) {
        views.saveDevice(new DeviceView(
                event.deviceId(), event.legacyId(), event.subscriptionId(), event.category(), event.details(), 1));
    }

    @EventHandler
    void on(DeviceDetailsChanged event) {
        views.changeDetails(event.deviceId(), event.details(), event.version());
    }

    /** The network swapped the SIM: the device carries the new card and its codes. */
    @EventHandler
    void on(SimReplaced event) {
        views.replaceSim(event.deviceId(), event.version(), event.newCard());
    }

    @ResetHandler
    void reset() {
        views.deleteAll();
    }
}
