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
 * rules only; business rules are the aggregate's. Each string's bound is the read-model column it
 * ends up in ({@code serial_number}, {@code catalogue_device_id} (V1 shows the catalogue commercial
 * id there when the device has no catalogue id) and {@code contract_document_id} are
 * {@code varchar(255)}); a string that only lives in a read model's JSON {@code details} gets the same
 * bound. Every string must also be storable at all: the request JSON refuses NUL and unpaired
 * surrogates everywhere.
 */
public record DeviceRequest(
        UUID id,
        @Positive Long legacyId,
        @NotBlank @Size(max = TEXT) String catalogueCommercialDeviceId,
        @Size(max = TEXT) String catalogueDeviceId,
        @Size(max = TEXT) String reservationId,
        @Size(max = TEXT) String signatureProcessId,
        @Size(max = TEXT) String shippingOrderId,
        @Size(max = TEXT) String pickupOrderId,
        Instant inStoreDeliveryDate,
        Instant inStoreReturnedDate,
        @Valid ManufacturingInfoRequest manufacturingInfo,
        @Size(max = TEXT) String serialNumber,
        @MacAddress String macAddress,
        @Imei String imei,
        AcquisitionType acquisitionType,
        @Size(max = MAX_COMMITMENTS) List<@NotNull @Valid CommitmentRequest> commitments,
        @PositiveOrZero @Digits(integer = 12, fraction = 4) BigDecimal insurableAmount,
        @NotNull @Positive Long legacyAccountId,
        @Size(max = TEXT) String contractDocumentId,
        DeviceCategory category,
        @Valid SimCardRequest deviceAdditionalDetails) {

    /** {@code varchar(255)}: the read-model columns of these strings. */
    static final int TEXT = 255;

    static final int MAX_COMMITMENTS = 50;

    public record ManufacturingInfoRequest(@Size(max = TEXT) String idType, @Size(max = TEXT) String id) {

        ManufacturingInfo toInfo() {
            return new ManufacturingInfo(idType, id);
        }
    }

    public record CommitmentRequest(
            UUID id,
            @Positive Long legacyId,
            Instant expirationDate,
            Instant cancellationDate,
            @Size(max = TEXT) String cancellationSystem,
            @Size(max = TEXT) String cancellationUser) {

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
