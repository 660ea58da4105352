package com.subscriptiondevices.api.device;

/**
 * Derived, never set by a client: a device is {@code INACTIVE} once it was returned in a shop (its
 * {@code in_store_returned_date} is set), {@code ACTIVE} otherwise. V1 shows these as ACTIVO/INACTIVO.
 */
public enum DeviceStatus {
    ACTIVE,
    INACTIVE
}
