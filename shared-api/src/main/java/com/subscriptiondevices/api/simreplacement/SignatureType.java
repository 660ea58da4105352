package com.subscriptiondevices.api.simreplacement;

/** How the customer signed the replacement request. */
public enum SignatureType {
    PAPER,
    DIGITAL
}
