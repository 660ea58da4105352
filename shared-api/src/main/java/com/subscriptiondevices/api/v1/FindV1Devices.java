package com.subscriptiondevices.api.v1;

import com.subscriptiondevices.api.device.DeviceCategory;

/**
 * The devices of a subscription of the org, V1 style: optionally one category; with
 * {@code onlyActive}, only ACTIVO devices and no change requests. Answers {@link V1Devices}.
 */
public record FindV1Devices(String org, SubscriptionRef subscription, DeviceCategory category, boolean onlyActive) {}
