package com.subscriptiondevices.api.device;

/** How the customer holds the terminal. */
public enum AcquisitionType {
    BORROWED,
    FINANCED,
    ONE_TIME_PAYMENT
}
