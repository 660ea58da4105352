package com.subscriptiondevices.command.uniqueness;

/** What must be unique across every subscription of the service. */
public enum ClaimKind {
    SUBSCRIPTION_LEGACY_ID,
    DEVICE_ID,
    DEVICE_LEGACY_ID,
    ICCID,
    /** A subscription's phone number. */
    MSISDN
}
