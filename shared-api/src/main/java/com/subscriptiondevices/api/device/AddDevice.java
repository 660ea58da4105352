package com.subscriptiondevices.api.device;

import com.subscriptiondevices.api.subscription.SubscriptionId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Attaches a device to a subscription. Both identities are complete: the web edge assigns missing ones. */
public record AddDevice(
        @TargetAggregateIdentifier SubscriptionId subscriptionId,
        String org,
        DeviceId deviceId,
        long legacyId,
        DeviceCategory category,
        DeviceDetails details) {}
