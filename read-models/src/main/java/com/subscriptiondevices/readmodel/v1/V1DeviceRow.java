package com.subscriptiondevices.readmodel.v1;

import com.subscriptiondevices.readmodel.StoredRow;
import java.util.UUID;

/** A row of {@code v1_device}: a device as V1 shows it, its additional details as JSON. */
public record V1DeviceRow(
        UUID deviceId,
        UUID subscriptionId,
        long legacyId,
        String category,
        String catalogueDeviceId,
        String status,
        String contractDocumentId,
        String additionalDetails)
        implements StoredRow {

    @Override
    public String table() {
        return "v1_device";
    }

    @Override
    public Object key() {
        return deviceId;
    }
}
