package com.subscriptiondevices.api.device;

/** What kind of device: a SIM card, or any other terminal (phone, router, set-top box). */
public enum DeviceCategory {
    SIM,
    OTHER
}
