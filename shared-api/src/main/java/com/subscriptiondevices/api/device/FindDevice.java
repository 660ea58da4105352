package com.subscriptiondevices.api.device;

import com.subscriptiondevices.api.subscription.SubscriptionId;

/** One device of a subscription of the org. Answers {@code Optional<DeviceView>}. */
public record FindDevice(String org, SubscriptionId subscriptionId, DeviceId deviceId) {}
