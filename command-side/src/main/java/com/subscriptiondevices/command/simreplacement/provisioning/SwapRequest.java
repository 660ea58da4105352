package com.subscriptiondevices.command.simreplacement.provisioning;

import com.subscriptiondevices.api.device.DeviceId;
import com.subscriptiondevices.api.simreplacement.SimReplacementRequested;
import com.subscriptiondevices.api.subscription.SubscriptionId;
import java.util.UUID;

/**
 * What the network is asked to do: put {@code newIccid}/{@code newImsi} in place of {@code iccid}.
 * {@code requestId} makes the request idempotent; {@code correlationId} ties the answer to the request.
 */
public record SwapRequest(
        UUID requestId,
        SubscriptionId subscriptionId,
        DeviceId deviceId,
        String iccid,
        String imsi,
        String newIccid,
        String newImsi,
        String correlationId) {

    public static SwapRequest of(SimReplacementRequested event, String correlationId) {
        return new SwapRequest(
                event.requestId(),
                event.subscriptionId(),
                event.deviceId(),
                event.iccid(),
                event.imsi(),
                event.newIccid(),
                event.newImsi(),
                correlationId);
    }
}
