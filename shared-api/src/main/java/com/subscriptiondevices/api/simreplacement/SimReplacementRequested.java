package com.subscriptiondevices.api.simreplacement;

import com.subscriptiondevices.api.device.DeviceId;
import com.subscriptiondevices.api.device.FabricationType;
import com.subscriptiondevices.api.subscription.SubscriptionId;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * A SIM replacement was asked for and is pending: the network has yet to swap {@code iccid}/{@code imsi}
 * (the device's SIM at the time) for {@code newIccid}/{@code newImsi}.
 */
@Revision("1")
public record SimReplacementRequested(
        SubscriptionId subscriptionId,
        DeviceId deviceId,
        UUID requestId,
        String userName,
        String changeReason,
        String contractDocumentId,
        FabricationType fabricationType,
        String signatureProcessId,
        SignatureType signatureType,
        String iccid,
        String imsi,
        String newIccid,
        String newImsi) {}
