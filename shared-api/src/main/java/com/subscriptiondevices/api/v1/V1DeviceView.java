package com.subscriptiondevices.api.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.subscriptiondevices.api.device.DeviceCategory;
import java.util.List;

/**
 * {@code GetSubscriptionDevice}: a device as the V1 API shows it. {@code id} is the device's integer
 * (legacy) id, {@code device_id} its catalogue device id, {@code status} {@code ACTIVO}/{@code INACTIVO}.
 */
public record V1DeviceView(
        long id,
        String deviceId,
        DeviceCategory category,
        String status,
        String contractDocumentId,
        AdditionalDetails deviceAdditionalDetails,
        List<V1ChangeRequestView> subscriptionDeviceChangeRequests) {

    public static final String ACTIVE = "ACTIVO";
    public static final String INACTIVE = "INACTIVO";

    /** SIM: iccid, imsi, codes and fabrication type; OTHER: imei, serial number and MAC address. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AdditionalDetails(
            String iccid,
            String imsi,
            String pin,
            String puk,
            String pin2,
            String puk2,
            String fabricationType,
            String imei,
            String serialNumber,
            String macAddress) {

        public AdditionalDetails withoutSecrets() {
            return new AdditionalDetails(
                    iccid, imsi, null, null, null, null, fabricationType, imei, serialNumber, macAddress);
        }
    }

    public V1DeviceView withoutSecrets() {
        return deviceAdditionalDetails == null
                ? this
                : new V1DeviceView(
                        id,
                        deviceId,
                        category,
                        status,
                        contractDocumentId,
                        deviceAdditionalDetails.withoutSecrets(),
                        subscriptionDeviceChangeRequests);
    }
}
