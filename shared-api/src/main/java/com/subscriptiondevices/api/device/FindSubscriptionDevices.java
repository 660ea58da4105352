package com.subscriptiondevices.api.device;

import com.subscriptiondevices.api.subscription.SubscriptionId;

/**
 * The devices of a subscription of the org, optionally only those with this (normalized) MAC address.
 * Answers {@link SubscriptionDevices}.
 */
public record FindSubscriptionDevices(String org, SubscriptionId subscriptionId, String macAddress) {}
