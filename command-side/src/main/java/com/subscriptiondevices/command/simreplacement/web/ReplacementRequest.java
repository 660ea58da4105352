package com.subscriptiondevices.command.simreplacement.web;

import com.subscriptiondevices.api.device.DeviceCategory;
import com.subscriptiondevices.api.device.FabricationType;
import com.subscriptiondevices.api.simreplacement.SignatureType;
import com.subscriptiondevices.platform.validation.Iccid;
import com.subscriptiondevices.platform.validation.Imsi;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * {@code PatchSubscriptionDevice}: a SIM replacement as V1 clients send it. {@code iccid}/{@code imsi}
 * are the SIM being replaced (checked against the device when given), {@code new_*} the new one.
 * {@code user_name} and {@code change_reason} end in {@code text} columns of the V1 read model, bounded
 * here all the same; {@code signature_process_id} lives in the event only and gets the usual 255.
 */
record ReplacementRequest(
        @NotNull DeviceCategory category,
        @Size(max = 200) String userName,
        @Size(max = 500) String changeReason,
        @NotNull @Valid ChangeRequest subscriptionDeviceChangeRequest) {

    record ChangeRequest(
            FabricationType fabricationType,
            @Size(max = 255) String signatureProcessId,
            SignatureType signatureType,
            @Iccid String iccid,
            @Imsi String imsi,
            @NotNull @Iccid String newIccid,
            @NotNull @Imsi String newImsi) {}
}
