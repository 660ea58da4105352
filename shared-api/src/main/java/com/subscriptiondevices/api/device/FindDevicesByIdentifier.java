package com.subscriptiondevices.api.device;

/**
 * Devices of any subscription of the org that match every given filter: a normalized MAC address, a
 * serial number, or both. Answers a list of {@link DeviceView}.
 */
public record FindDevicesByIdentifier(String org, String macAddress, String serialNumber) {}
