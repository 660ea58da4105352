package com.subscriptiondevices.command.subscription.representation;

import com.subscriptiondevices.api.device.DeviceCategory;
import com.subscriptiondevices.api.device.DeviceDetails;
import com.subscriptiondevices.api.identifier.Identifiers;
import java.util.List;

/** From a validated request to the details the aggregate decides on: identifiers in their normal form. */
public final class DeviceRequests {

    private DeviceRequests() {}

    public static DeviceCategory categoryOf(DeviceRequest request) {
        return request.category() == null ? DeviceCategory.OTHER : request.category();
    }

    public static DeviceDetails toDetails(DeviceRequest request) {
        List<DeviceRequest.CommitmentRequest> commitments =
                request.commitments() == null ? List.of() : request.commitments();
        return new DeviceDetails(
                request.catalogueCommercialDeviceId(),
                request.catalogueDeviceId(),
                request.reservationId(),
                request.signatureProcessId(),
                request.shippingOrderId(),
                request.pickupOrderId(),
                request.inStoreDeliveryDate(),
                request.inStoreReturnedDate(),
                request.manufacturingInfo() == null
                        ? null
                        : request.manufacturingInfo().toInfo(),
                request.serialNumber(),
                Identifiers.normalizeMac(request.macAddress()).orElse(null),
                Identifiers.normalizeImei(request.imei()).orElse(null),
                request.acquisitionType(),
                commitments.stream()
                        .map(DeviceRequest.CommitmentRequest::toCommitment)
                        .toList(),
                request.insurableAmount(),
                request.legacyAccountId(),
                request.contractDocumentId(),
                request.deviceAdditionalDetails() == null
                        ? null
                        : request.deviceAdditionalDetails().toSimCard());
    }
}
