package com.subscriptiondevices.api.simreplacement;

import com.subscriptiondevices.api.device.DeviceCategory;
import com.subscriptiondevices.api.device.DeviceId;
import com.subscriptiondevices.api.device.FabricationType;
import com.subscriptiondevices.api.subscription.SubscriptionId;
import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A customer asks (in a shop or call centre) to replace a device's SIM with a new one.
 *
 * @param iccid the SIM being replaced as the client sees it, or null when not given
 * @param imsi the IMSI being replaced as the client sees it, or null when not given
 */
public record RequestSimReplacement(
        @TargetAggregateIdentifier SubscriptionId subscriptionId,
        String org,
        DeviceId deviceId,
        UUID requestId,
        DeviceCategory category,
        String userName,
        String changeReason,
        FabricationType fabricationType,
        String signatureProcessId,
        SignatureType signatureType,
        String iccid,
        String imsi,
        String newIccid,
        String newImsi) {}
