package com.subscriptiondevices.command.uniqueness;

import com.subscriptiondevices.api.device.DeviceAdded;
import com.subscriptiondevices.api.device.DeviceId;
import com.subscriptiondevices.api.error.DomainException;
import com.subscriptiondevices.api.error.ErrorCode;
import com.subscriptiondevices.api.simreplacement.SimReplaced;
import com.subscriptiondevices.api.simreplacement.SimReplacementRejected;
import com.subscriptiondevices.api.simreplacement.SimReplacementRequested;
import com.subscriptiondevices.api.subscription.MsisdnChanged;
import com.subscriptiondevices.api.subscription.SubscriptionCreated;
import com.subscriptiondevices.api.subscription.SubscriptionId;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Claims every value that must be unique across subscriptions, as its event is appended: a
 * subscribing handler in the same unit of work and transaction, whose claims travel with the event's
 * append and the read models' rows. A value that is taken fails the command, and nothing of it is
 * stored.
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
        claims.claim(
                ClaimKind.SUBSCRIPTION_LEGACY_ID,
                Long.toString(event.legacyId()),
                event.subscriptionId().toString(),
                () -> new LegacyIdTaken(
                        ErrorCode.SUBSCRIPTION_ALREADY_EXISTS,
                        "A subscription with legacy_id " + event.legacyId() + " exists already."));
    }

    /**
     * A phone number belongs to one subscription at a time: the old one is let go and the new one
     * claimed, in the transaction of the change. Of two subscriptions racing for a number, one wins.
     */
    @EventHandler
    void on(MsisdnChanged event) {
        String owner = event.subscriptionId().toString();
        if (event.previousMsisdn() != null) {
            claims.release(ClaimKind.MSISDN, event.previousMsisdn(), owner);
        }
        if (event.msisdn() != null) {
            require(
                    ClaimKind.MSISDN,
                    event.msisdn(),
                    owner,
                    ErrorCode.MSISDN_IN_USE,
                    "The phone number " + event.msisdn() + " belongs to another subscription.");
        }
    }

    /** The device's id, its legacy id and its SIM's ICCID; the first of them taken fails the write. */
    @EventHandler
    void on(DeviceAdded event) {
        String owner = owner(event.subscriptionId(), event.deviceId());
        require(
                ClaimKind.DEVICE_ID,
                event.deviceId().toString(),
                owner,
                ErrorCode.DEVICE_ALREADY_EXISTS,
                "A device with id " + owner + " exists already.");
        claims.claim(
                ClaimKind.DEVICE_LEGACY_ID,
                Long.toString(event.legacyId()),
                owner,
                () -> new LegacyIdTaken(
                        ErrorCode.DEVICE_ALREADY_EXISTS,
                        "A device with legacy_id " + event.legacyId() + " exists already."));
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

    /** The new SIM is spoken for from the request on: of two requests racing for it, one wins. */
    @EventHandler
    void on(SimReplacementRequested event) {
        require(
                ClaimKind.ICCID,
                event.newIccid(),
                owner(event.subscriptionId(), event.deviceId()),
                ErrorCode.ICCID_IN_USE,
                "The ICCID " + event.newIccid() + " is in use by another device.");
    }

    /** The old SIM left the device; its ICCID belongs to no device any more. */
    @EventHandler
    void on(SimReplaced event) {
        claims.release(ClaimKind.ICCID, event.previousIccid(), owner(event.subscriptionId(), event.deviceId()));
    }

    /** The new SIM never reached the device. */
    @EventHandler
    void on(SimReplacementRejected event) {
        claims.release(ClaimKind.ICCID, event.newIccid(), owner(event.subscriptionId(), event.deviceId()));
    }

    static String owner(SubscriptionId subscription, DeviceId device) {
        return subscription + "/" + device;
    }

    private void require(ClaimKind kind, String value, String owner, ErrorCode code, String message) {
        claims.claim(kind, value, owner, () -> new DomainException(code, message));
    }
}
