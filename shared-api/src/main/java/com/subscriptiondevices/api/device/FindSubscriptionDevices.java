package com.subscriptiondevices.api.device;

import com.subscriptiondevices.api.subscription.SubscriptionId;

/**
 * One page of the devices of a subscription of the org, in legacy id order, optionally only those
 * with this (normalized) MAC address. Answers {@link SubscriptionDevices}.
 *
 * @param offset how many devices to skip
 * @param limit at most this many devices in the page
 */
public record FindSubscriptionDevices(
        String org, SubscriptionId subscriptionId, String macAddress, long offset, int limit) {}
