package com.subscriptiondevices.api.device;

/** A manufacturer's identifier of the device, e.g. {@code SERIAL_NUMBER} and its value. */
public record ManufacturingInfo(String idType, String id) {}
