package com.subscriptiondevices.command.subscription.representation;

import com.subscriptiondevices.api.device.AcquisitionType;
import com.subscriptiondevices.api.device.Commitment;
import com.subscriptiondevices.api.device.DeviceCategory;
import com.subscriptiondevices.api.device.ManufacturingInfo;
import com.subscriptiondevices.platform.validation.Imei;
import com.subscriptiondevices.platform.validation.MacAddress;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A V2 Device as a client sends it (POST), and as a patched representation must still be. Shape
 * rules only; business rules are the aggregate's.
 */
public record DeviceRequest(
        UUID id,
        @Positive Long legacyId,
        @NotBlank @Size(max = 100) String catalogueCommercialDeviceId,
        @Size(max = 100) String catalogueDeviceId,
        @Size(max = 100) String reservationId,
        @Size(max = 100) String signatureProcessId,
        @Size(max = 100) String shippingOrderId,
        @Size(max = 100) String pickupOrderId,
        Instant inStoreDeliveryDate,
        Instant inStoreReturnedDate,
        @Valid ManufacturingInfoRequest manufacturingInfo,
        @Size(max = 100) String serialNumber,
        @MacAddress String macAddress,
        @Imei String imei,
        AcquisitionType acquisitionType,
        @Size(max = 50) List<@NotNull @Valid CommitmentRequest> commitments,
        @PositiveOrZero @Digits(integer = 12, fraction = 4) BigDecimal insurableAmount,
        @NotNull @Positive Long legacyAccountId,
        @Size(max = 100) String contractDocumentId,
        DeviceCategory category,
        @Valid SimCardRequest deviceAdditionalDetails) {

    public record ManufacturingInfoRequest(@Size(max = 50) String idType, @Size(max = 100) String id) {

        ManufacturingInfo toInfo() {
            return new ManufacturingInfo(idType, id);
        }
    }

    public record CommitmentRequest(
            UUID id,
            @Positive Long legacyId,
            Instant expirationDate,
            Instant cancellationDate,
            @Size(max = 100) String cancellationSystem,
            @Size(max = 100) String cancellationUser) {

        /** The service assigns the id of a commitment that has none. */
        Commitment toCommitment() {
            return new Commitment(
                    id == null ? UUID.randomUUID() : id,
                    legacyId,
                    expirationDate,
                    cancellationDate,
                    cancellationSystem,
                    cancellationUser);
        }
    }
}
