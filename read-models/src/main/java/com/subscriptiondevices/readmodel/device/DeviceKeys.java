package com.subscriptiondevices.readmodel.device;

import com.subscriptiondevices.api.device.DeviceDetails;
import com.subscriptiondevices.api.device.SimCard;

/**
 * What a device is looked up by across an org, each in its normal form (null: none): MAC address,
 * serial number, its SIM's ICCID and IMSI, its IMEI. As a filter, every key given must match.
 */
public record DeviceKeys(String macAddress, String serialNumber, String iccid, String imsi, String imei) {

    static DeviceKeys of(DeviceDetails details) {
        SimCard sim = details.deviceAdditionalDetails();
        return new DeviceKeys(
                details.macAddress(),
                details.serialNumber(),
                sim == null ? null : sim.iccid(),
                sim == null ? null : sim.imsi(),
                details.imei());
    }

    boolean none() {
        return macAddress == null && serialNumber == null && iccid == null && imsi == null && imei == null;
    }

    /** Whether the row has every key this filter gives. */
    boolean matches(DeviceRow row) {
        return (macAddress == null || macAddress.equals(row.macAddress()))
                && (serialNumber == null || serialNumber.equals(row.serialNumber()))
                && (iccid == null || iccid.equals(row.iccid()))
                && (imsi == null || imsi.equals(row.imsi()))
                && (imei == null || imei.equals(row.imei()));
    }
}
