package com.subscriptiondevices.command.uniqueness;

import com.subscriptiondevices.api.device.DeviceId;
import com.subscriptiondevices.api.subscription.SubscriptionId;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * V1 paths name subscriptions and devices by their integer (legacy) ids; the command side finds the
 * V2 identities in its claims table, where every legacy id is held by its owner.
 */
@Component
public class V1Identities {

    private final UniqueClaims claims;

    V1Identities(UniqueClaims claims) {
        this.claims = claims;
    }

    public Optional<SubscriptionId> subscription(long legacyId) {
        return Optional.ofNullable(claims.ownerOf(ClaimKind.SUBSCRIPTION_LEGACY_ID, Long.toString(legacyId)))
                .map(SubscriptionId::of);
    }

    /** The device with this legacy id, if it belongs to the subscription. */
    public Optional<DeviceId> device(SubscriptionId subscription, long legacyId) {
        String owner = claims.ownerOf(ClaimKind.DEVICE_LEGACY_ID, Long.toString(legacyId));
        String prefix = subscription + "/";
        return owner != null && owner.startsWith(prefix)
                ? Optional.of(DeviceId.of(java.util.UUID.fromString(owner.substring(prefix.length()))))
                : Optional.empty();
    }
}
