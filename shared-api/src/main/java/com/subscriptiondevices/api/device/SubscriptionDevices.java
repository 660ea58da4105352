package com.subscriptiondevices.api.device;

import java.util.List;

/**
 * The answer to {@link FindSubscriptionDevices} (and to {@link FindDeviceAsOf}, with zero or one device):
 * whether the subscription exists in the org, its devices (one page of them), and how many it has in
 * all.
 */
public record SubscriptionDevices(boolean subscriptionFound, List<DeviceView> devices, long total) {

    /** All of the subscription's devices, in one page. */
    public SubscriptionDevices(boolean subscriptionFound, List<DeviceView> devices) {
        this(subscriptionFound, devices, devices.size());
    }

    public static SubscriptionDevices notFound() {
        return new SubscriptionDevices(false, List.of());
    }
}
