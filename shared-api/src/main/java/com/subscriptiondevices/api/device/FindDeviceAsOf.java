package com.subscriptiondevices.api.device;

import com.subscriptiondevices.api.subscription.SubscriptionId;
import java.time.Instant;

/**
 * One device of a subscription of the org as it was at {@code asOf}, rebuilt from the subscription's
 * events up to that instant (not from a read model). Answers {@link SubscriptionDevices}: the
 * subscription is not found when it belongs to another org or did not exist yet; no device when the
 * device did not exist yet.
 */
public record FindDeviceAsOf(String org, SubscriptionId subscriptionId, DeviceId deviceId, Instant asOf) {}
