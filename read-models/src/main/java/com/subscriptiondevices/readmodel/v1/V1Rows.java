package com.subscriptiondevices.readmodel.v1;

import com.subscriptiondevices.api.device.DeviceCategory;
import com.subscriptiondevices.api.device.FabricationType;
import com.subscriptiondevices.api.simreplacement.ChangeRequestStatus;
import com.subscriptiondevices.api.v1.V1ChangeRequestView;
import com.subscriptiondevices.api.v1.V1DeviceView;
import com.subscriptiondevices.api.v1.V1DeviceView.AdditionalDetails;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/** Rows to what V1 shows, and the JSON of the additional details. */
final class V1Rows {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private V1Rows() {}

    static String json(AdditionalDetails details) {
        return JSON.writeValueAsString(details);
    }

    static AdditionalDetails additionalDetails(String json) {
        return JSON.readValue(json, AdditionalDetails.class);
    }

    static V1DeviceView view(V1DeviceRow row, List<V1ChangeRequestView> changeRequests) {
        return new V1DeviceView(
                row.legacyId(),
                row.catalogueDeviceId(),
                DeviceCategory.valueOf(row.category()),
                row.status(),
                row.contractDocumentId(),
                additionalDetails(row.additionalDetails()),
                changeRequests);
    }

    static V1ChangeRequestView view(ChangeRequestRow row) {
        return new V1ChangeRequestView(
                ChangeRequestStatus.valueOf(row.status()),
                row.requestDate(),
                row.userName(),
                row.changeReason(),
                row.contractDocumentId(),
                row.fabricationType() == null ? null : FabricationType.valueOf(row.fabricationType()),
                row.iccid(),
                row.imsi(),
                row.newIccid(),
                row.newImsi(),
                row.processedDate(),
                row.rejectionReason());
    }
}
