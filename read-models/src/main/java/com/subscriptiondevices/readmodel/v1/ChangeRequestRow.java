package com.subscriptiondevices.readmodel.v1;

import com.subscriptiondevices.readmodel.StoredRow;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code v1_change_request}: one SIM replacement request and how it ended. */
public record ChangeRequestRow(
        UUID requestId,
        UUID deviceId,
        UUID subscriptionId,
        String status,
        Instant requestDate,
        String userName,
        String changeReason,
        String contractDocumentId,
        String fabricationType,
        String iccid,
        String imsi,
        String newIccid,
        String newImsi,
        Instant processedDate,
        String rejectionReason)
        implements StoredRow {

    @Override
    public String table() {
        return "v1_change_request";
    }

    @Override
    public Object key() {
        return requestId;
    }
}
