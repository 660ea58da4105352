package com.subscriptiondevices.api.simreplacement;

import com.subscriptiondevices.api.device.DeviceId;
import com.subscriptiondevices.api.subscription.SubscriptionId;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The network refused the swap, or did not answer in time; {@code reason} says which. */
public record RejectSimReplacement(
        @TargetAggregateIdentifier SubscriptionId subscriptionId, DeviceId deviceId, UUID requestId, String reason) {}
