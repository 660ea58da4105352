package com.subscriptiondevices.readmodel.device;

import com.subscriptiondevices.api.device.DeviceId;
import com.subscriptiondevices.api.device.DeviceView;
import com.subscriptiondevices.api.subscription.SubscriptionId;
import com.subscriptiondevices.api.subscription.SubscriptionView;
import java.util.List;
import java.util.Optional;

/** What the V2 API reads from the device read model, wherever its rows are. */
public final class DeviceReads {

    private final DeviceStore store;

    DeviceReads(DeviceStore store) {
        this.store = store;
    }

    public Optional<SubscriptionView> subscription(String org, SubscriptionId id) {
        return store.subscription(org, id.value()).map(DeviceRows::view);
    }

    public Optional<DeviceView> device(String org, SubscriptionId subscriptionId, DeviceId deviceId) {
        return store.device(org, subscriptionId.value(), deviceId.value()).map(DeviceRows::view);
    }

    public List<DeviceView> devicesOf(SubscriptionId subscriptionId, String macAddress) {
        return store.devicesOf(subscriptionId.value(), macAddress).stream()
                .map(DeviceRows::view)
                .toList();
    }

    public List<DeviceView> devicesByIdentifier(String org, String macAddress, String serialNumber) {
        return store.devicesByIdentifier(org, macAddress, serialNumber).stream()
                .map(DeviceRows::view)
                .toList();
    }
}
