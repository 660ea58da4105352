package com.subscriptiondevices.api.device;

import com.subscriptiondevices.api.subscription.SubscriptionId;
import org.axonframework.serialization.Revision;

/** A device was attached to a subscription; it starts at version 1. */
@Revision("1")
public record DeviceAdded(
        SubscriptionId subscriptionId,
        DeviceId deviceId,
        long legacyId,
        DeviceCategory category,
        DeviceDetails details) {}
