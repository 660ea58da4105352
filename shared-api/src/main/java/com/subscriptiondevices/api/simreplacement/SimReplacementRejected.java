package com.subscriptiondevices.api.simreplacement;

import com.subscriptiondevices.api.device.DeviceId;
import com.subscriptiondevices.api.subscription.SubscriptionId;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * The SIM replacement did not happen ({@code reason}: e.g. {@code REJECTED_BY_NETWORK},
 * {@code NO_ANSWER_FROM_NETWORK}); the device keeps its SIM and {@code newIccid} is free again.
 */
@Revision("1")
public record SimReplacementRejected(
        SubscriptionId subscriptionId, DeviceId deviceId, UUID requestId, String newIccid, String reason) {}
