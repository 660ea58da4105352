package com.subscriptiondevices.api.v1;

import com.subscriptiondevices.api.device.FabricationType;
import com.subscriptiondevices.api.simreplacement.ChangeRequestStatus;
import java.time.Instant;

/** One SIM replacement request of a device, as V1 lists them (newest first). */
public record V1ChangeRequestView(
        ChangeRequestStatus status,
        Instant requestDate,
        String userName,
        String changeReason,
        String contractDocumentId,
        FabricationType fabricationType,
        String iccid,
        String imsi,
        String newIccid,
        String newImsi,
        Instant processedDate,
        String rejectionReason) {}
