package com.subscriptiondevices.api.device;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Everything a client states about a device: the V2 Device representation without its identities
 * and its derived status. Identifiers are stored in their normalized form (MAC as
 * {@code AA:BB:CC:DD:EE:FF}, IMEI as 15 digits, amounts without trailing zeros).
 */
public record DeviceDetails(
        String catalogueCommercialDeviceId,
        String catalogueDeviceId,
        String reservationId,
        String signatureProcessId,
        String shippingOrderId,
        String pickupOrderId,
        Instant inStoreDeliveryDate,
        Instant inStoreReturnedDate,
        ManufacturingInfo manufacturingInfo,
        String serialNumber,
        String macAddress,
        String imei,
        AcquisitionType acquisitionType,
        List<Commitment> commitments,
        BigDecimal insurableAmount,
        long legacyAccountId,
        String contractDocumentId,
        SimCard deviceAdditionalDetails) {

    public DeviceDetails {
        commitments = commitments == null ? List.of() : List.copyOf(commitments);
        insurableAmount = normalized(insurableAmount);
    }

    /**
     * One form per amount: 100.50 and 100.5 are equal records, and 1E+2 is written 100. The web edge
     * bounds amounts (12 integer digits, 4 decimals) before they get here.
     */
    private static BigDecimal normalized(BigDecimal amount) {
        if (amount == null) {
            return null;
        }
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    public DeviceStatus status() {
        return inStoreReturnedDate == null ? DeviceStatus.ACTIVE : DeviceStatus.INACTIVE;
    }

    public DeviceDetails withDeviceAdditionalDetails(SimCard sim) {
        return new DeviceDetails(
                catalogueCommercialDeviceId,
                catalogueDeviceId,
                reservationId,
                signatureProcessId,
                shippingOrderId,
                pickupOrderId,
                inStoreDeliveryDate,
                inStoreReturnedDate,
                manufacturingInfo,
                serialNumber,
                macAddress,
                imei,
                acquisitionType,
                commitments,
                insurableAmount,
                legacyAccountId,
                contractDocumentId,
                sim);
    }
}
