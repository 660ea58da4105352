package com.subscriptiondevices.command.subscription;

import com.subscriptiondevices.api.device.AcquisitionType;
import com.subscriptiondevices.api.device.Commitment;
import com.subscriptiondevices.api.device.DeviceDetails;
import com.subscriptiondevices.api.device.DeviceId;
import com.subscriptiondevices.api.device.FabricationType;
import com.subscriptiondevices.api.device.ManufacturingInfo;
import com.subscriptiondevices.api.device.SimCard;
import com.subscriptiondevices.api.subscription.SubscriptionId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Fixed, valid test data: every identifier passes its format rule, every id and date is constant. */
public final class TestDevices {

    public static final String ORG = "yoigo";
    public static final String OTHER_ORG = "masmovil";
    public static final SubscriptionId SUBSCRIPTION_ID = SubscriptionId.of("5d3e0c39-6a57-4e8f-9d2b-1f1c2a0e7a01");
    public static final long SUBSCRIPTION_LEGACY_ID = 4242L;
    public static final long LEGACY_ACCOUNT_ID = 777L;

    public static final DeviceId PHONE_ID = DeviceId.of(UUID.fromString("0b8f7a51-3c1d-4f0e-8a6b-2d9c4e5f6a01"));
    public static final DeviceId SIM_ID = DeviceId.of(UUID.fromString("0b8f7a51-3c1d-4f0e-8a6b-2d9c4e5f6a02"));
    public static final DeviceId OTHER_ID = DeviceId.of(UUID.fromString("0b8f7a51-3c1d-4f0e-8a6b-2d9c4e5f6a03"));
    public static final long PHONE_LEGACY_ID = 1001L;
    public static final long SIM_LEGACY_ID = 1002L;
    public static final long OTHER_LEGACY_ID = 1003L;

    /** 19 digits, Luhn-valid. */
    public static final String ICCID = "8934000000000000002";
    /** Another 19-digit Luhn-valid ICCID. */
    public static final String OTHER_ICCID = "8934000000000000010";
    /** 20 digits, Luhn-valid, beyond the range of a long. */
    public static final String LONG_ICCID = "89340000000000000004";

    public static final String IMSI = "214010000000001";
    public static final String OTHER_IMSI = "214010000000002";
    /** Luhn-valid IMEI. */
    public static final String IMEI = "490154203237518";

    public static final String MAC = "AA:BB:CC:DD:EE:FF";
    public static final UUID COMMITMENT_ID = UUID.fromString("c0ffee00-0000-4000-8000-000000000001");
    public static final Instant DELIVERED = Instant.parse("2024-05-01T10:00:00Z");

    private TestDevices() {}

    /** A financed phone, with every kind of field set. */
    public static Details phone() {
        return new Details()
                .catalogueCommercialDeviceId("CCD-PHONE-1")
                .catalogueDeviceId("CD-PHONE-1")
                .inStoreDeliveryDate(DELIVERED)
                .manufacturingInfo(new ManufacturingInfo("SERIAL_NUMBER", "MF-1"))
                .serialNumber("SN-1")
                .macAddress(MAC)
                .imei(IMEI)
                .acquisitionType(AcquisitionType.FINANCED)
                .commitments(List.of(
                        new Commitment(COMMITMENT_ID, 55L, Instant.parse("2026-05-01T00:00:00Z"), null, null, null)))
                .insurableAmount(new BigDecimal("100.50"))
                .contractDocumentId("DOC-1");
    }

    /** A physical SIM with PIN and PUK. */
    public static Details sim(String iccid, String imsi) {
        return new Details()
                .catalogueCommercialDeviceId("CCD-SIM-1")
                .deviceAdditionalDetails(
                        new SimCard(iccid, imsi, "1234", "12345678", null, null, FabricationType.PSIM));
    }

    /** A mutable builder of {@link DeviceDetails}, so each test states only what it is about. */
    public static final class Details {

        private String catalogueCommercialDeviceId;
        private String catalogueDeviceId;
        private String reservationId;
        private String signatureProcessId;
        private String shippingOrderId;
        private String pickupOrderId;
        private Instant inStoreDeliveryDate;
        private Instant inStoreReturnedDate;
        private ManufacturingInfo manufacturingInfo;
        private String serialNumber;
        private String macAddress;
        private String imei;
        private AcquisitionType acquisitionType;
        private List<Commitment> commitments = new ArrayList<>();
        private BigDecimal insurableAmount;
        private long legacyAccountId = LEGACY_ACCOUNT_ID;
        private String contractDocumentId;
        private SimCard deviceAdditionalDetails;

        public Details catalogueCommercialDeviceId(String value) {
            catalogueCommercialDeviceId = value;
            return this;
        }

        public Details catalogueDeviceId(String value) {
            catalogueDeviceId = value;
            return this;
        }

        public Details reservationId(String value) {
            reservationId = value;
            return this;
        }

        public Details inStoreDeliveryDate(Instant value) {
            inStoreDeliveryDate = value;
            return this;
        }

        public Details inStoreReturnedDate(Instant value) {
            inStoreReturnedDate = value;
            return this;
        }

        public Details manufacturingInfo(ManufacturingInfo value) {
            manufacturingInfo = value;
            return this;
        }

        public Details serialNumber(String value) {
            serialNumber = value;
            return this;
        }

        public Details macAddress(String value) {
            macAddress = value;
            return this;
        }

        public Details imei(String value) {
            imei = value;
            return this;
        }

        public Details acquisitionType(AcquisitionType value) {
            acquisitionType = value;
            return this;
        }

        public Details commitments(List<Commitment> value) {
            commitments = value;
            return this;
        }

        public Details insurableAmount(BigDecimal value) {
            insurableAmount = value;
            return this;
        }

        public Details legacyAccountId(long value) {
            legacyAccountId = value;
            return this;
        }

        public Details contractDocumentId(String value) {
            contractDocumentId = value;
            return this;
        }

        public Details deviceAdditionalDetails(SimCard value) {
            deviceAdditionalDetails = value;
            return this;
        }

        public DeviceDetails build() {
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
                    deviceAdditionalDetails);
        }
    }
}
