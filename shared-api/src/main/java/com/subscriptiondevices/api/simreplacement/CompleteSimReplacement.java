package com.subscriptiondevices.api.simreplacement;

import com.subscriptiondevices.api.device.DeviceId;
import com.subscriptiondevices.api.subscription.SubscriptionId;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The network swapped the SIM; the new card's codes come from provisioning. */
public record CompleteSimReplacement(
        @TargetAggregateIdentifier SubscriptionId subscriptionId,
        DeviceId deviceId,
        UUID requestId,
        String pin,
        String puk,
        String pin2,
        String puk2) {}
