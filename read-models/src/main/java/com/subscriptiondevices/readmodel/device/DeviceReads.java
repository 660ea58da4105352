package com.subscriptiondevices.readmodel.device;

import com.subscriptiondevices.api.device.DeviceId;
import com.subscriptiondevices.api.device.DevicePage;
import com.subscriptiondevices.api.device.DeviceView;
import com.subscriptiondevices.api.subscription.SubscriptionId;
import com.subscriptiondevices.api.subscription.SubscriptionView;
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

    /** One page of the subscription's devices, in legacy id order, optionally only those with the MAC address. */
    public DevicePage devicesOf(SubscriptionId subscriptionId, String macAddress, long offset, int limit) {
        return view(store.devicesOf(subscriptionId.value(), macAddress, offset, limit));
    }

    /** One page of the org's devices with every key the filter gives (at least one), in legacy id order. */
    public DevicePage devicesByIdentifier(String org, DeviceKeys filter, long offset, int limit) {
        if (filter.none()) {
            throw new IllegalArgumentException("a lookup across an org needs at least one key");
        }
        return view(store.devicesByIdentifier(org, filter, offset, limit));
    }

    private static DevicePage view(RowPage page) {
        return new DevicePage(page.rows().stream().map(DeviceRows::view).toList(), page.total());
    }
}
