package com.subscriptiondevices.api.device;

/**
 * One page of the devices of any subscription of the org that match every given filter (null: not
 * a filter), in legacy id order: a MAC address ({@code AA:BB:CC:DD:EE:FF}), a serial number, a SIM's
 * ICCID or IMSI, an IMEI (15 digits), each in its normal form. Answers {@link DevicePage}.
 *
 * @param offset how many matching devices to skip
 * @param limit at most this many devices in the page
 */
public record FindDevicesByIdentifier(
        String org,
        String macAddress,
        String serialNumber,
        String iccid,
        String imsi,
        String imei,
        long offset,
        int limit) {}
