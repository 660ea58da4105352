package com.subscriptiondevices.api.simreplacement;

/** Where a SIM replacement stands: waiting for the network, done, or refused. */
public enum ChangeRequestStatus {
    PENDING,
    PROCESSED,
    REJECTED
}
