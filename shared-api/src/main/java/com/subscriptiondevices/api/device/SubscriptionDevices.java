package com.subscriptiondevices.api.device;

import java.util.List;

/**
 * The answer to {@link FindSubscriptionDevices} (and to {@link FindDeviceAsOf}, with zero or one device):
 * whether the subscription exists in the org, and its devices.
 */
public record SubscriptionDevices(boolean subscriptionFound, List<DeviceView> devices) {

    public static SubscriptionDevices notFound() {
        return new SubscriptionDevices(false, List.of());
    }
}
