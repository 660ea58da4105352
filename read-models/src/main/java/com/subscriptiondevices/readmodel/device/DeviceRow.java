package com.subscriptiondevices.readmodel.device;

import com.subscriptiondevices.readmodel.StoredRow;
import java.util.UUID;

/**
 * A row of {@code device_view}: the lookup keys in columns, the V2 representation as JSON. {@code org}
 * is the subscription's: a store fills it in when a device is put, whatever the row says.
 */
public record DeviceRow(
        UUID deviceId,
        UUID subscriptionId,
        String org,
        long legacyId,
        String category,
        String macAddress,
        String serialNumber,
        String iccid,
        String imsi,
        String imei,
        long version,
        String details)
        implements StoredRow {

    @Override
    public String table() {
        return "device_view";
    }

    @Override
    public Object key() {
        return deviceId;
    }
}
