package com.subscriptiondevices.api.device;

import com.subscriptiondevices.api.subscription.SubscriptionId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Applies an RFC 6902 JSON Patch document to the device's V2 representation, atomically and to its
 * latest state.
 *
 * @param expectedVersion the version the client saw ({@code If-Match}), or null to patch whatever is latest
 * @param patchDocument the JSON Patch array as the client sent it
 * @param secretsVisible whether the caller may read and write PIN/PUK codes
 */
public record PatchDevice(
        @TargetAggregateIdentifier SubscriptionId subscriptionId,
        String org,
        DeviceId deviceId,
        Long expectedVersion,
        String patchDocument,
        boolean secretsVisible) {}
