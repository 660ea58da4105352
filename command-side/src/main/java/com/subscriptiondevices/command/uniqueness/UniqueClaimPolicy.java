package com.subscriptiondevices.command.uniqueness;

import com.subscriptiondevices.api.device.DeviceAdded;
import com.subscriptiondevices.api.error.DomainException;
import com.subscriptiondevices.api.error.ErrorCode;
import com.subscriptiondevices.api.subscription.SubscriptionCreated;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Claims every value that must be unique across subscriptions, as its event is appended: a
 * subscribing handler in the same unit of work and transaction. A value that is taken fails the
 * command, and nothing of it is stored.
 */
@Component
@ProcessingGroup(UniqueClaimPolicy.GROUP)
class UniqueClaimPolicy {

    static final String GROUP = "unique-claims";

    private final UniqueClaims claims;

    UniqueClaimPolicy(UniqueClaims claims) {
        this.claims = claims;
    }

    @EventHandler
    void on(SubscriptionCreated event) {
        require(
                ClaimKind.SUBSCRIPTION_LEGACY_ID,
                Long.toString(event.legacyId()),
                event.subscriptionId().toString(),
                ErrorCode.SUBSCRIPTION_ALREADY_EXISTS,
                "A subscription with legacy_id " + event.legacyId() + " exists already.");
    }

    @EventHandler
    void on(DeviceAdded event) {
        String owner = event.subscriptionId() + "/" + event.deviceId();
        require(
                ClaimKind.DEVICE_ID,
                event.deviceId().toString(),
                owner,
                ErrorCode.DEVICE_ALREADY_EXISTS,
                "A device with id " + owner + " exists already.");
        require(
                ClaimKind.DEVICE_LEGACY_ID,
                Long.toString(event.legacyId()),
                owner,
                ErrorCode.DEVICE_ALREADY_EXISTS,
                "A device with legacy_id " + event.legacyId() + " exists already.");
        if (event.details().deviceAdditionalDetails() != null) {
            String iccid = event.details().deviceAdditionalDetails().iccid();
            require(
                    ClaimKind.ICCID,
                    iccid,
                    owner,
                    ErrorCode.ICCID_IN_USE,
                    "The ICCID " + iccid + " is in use by another device.");
        }
    }

    private void require(ClaimKind kind, String value, String owner, ErrorCode code, String message) {
        if (!claims.claim(kind, value, owner)) {
            throw new DomainException(code, message);
        }
    }
}
