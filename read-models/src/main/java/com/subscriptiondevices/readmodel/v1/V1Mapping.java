package com.subscriptiondevices.readmodel.v1;

import com.subscriptiondevices.api.device.DeviceCategory;
import com.subscriptiondevices.api.device.DeviceDetails;
import com.subscriptiondevices.api.device.FabricationType;
import com.subscriptiondevices.api.device.SimCard;
import com.subscriptiondevices.api.simreplacement.SimReplaced;
import com.subscriptiondevices.api.v1.V1DeviceView;
import com.subscriptiondevices.api.v1.V1DeviceView.AdditionalDetails;

/** How V1 shows a device: the rules the V1 projection keeps its rows by. */
final class V1Mapping {

    private V1Mapping() {}

    /** {@code device_id} is the catalogue device id, or the commercial one when that is missing. */
    static String deviceId(DeviceDetails details) {
        return details.catalogueDeviceId() != null
                ? details.catalogueDeviceId()
                : details.catalogueCommercialDeviceId();
    }

    /** A returned device is INACTIVO. */
    static String status(DeviceDetails details) {
        return details.inStoreReturnedDate() == null ? V1DeviceView.ACTIVE : V1DeviceView.INACTIVE;
    }

    /** A SIM shows its card, any other device its identifiers. */
    static AdditionalDetails additionalDetails(DeviceCategory category, DeviceDetails details) {
        if (category == DeviceCategory.SIM) {
            SimCard sim = details.deviceAdditionalDetails();
            if (sim == null) {
                return new AdditionalDetails(null, null, null, null, null, null, null, null, null, null);
            }
            return new AdditionalDetails(
                    sim.iccid(),
                    sim.imsi(),
                    sim.pin(),
                    sim.puk(),
                    sim.pin2(),
                    sim.puk2(),
                    wireName(sim.fabricationType()),
                    null,
                    null,
                    null);
        }
        return new AdditionalDetails(
                null, null, null, null, null, null, null, details.imei(), details.serialNumber(), details.macAddress());
    }

    /**
     * After a swap the device holds the new card, of the fabrication type asked for (or the one it had
     * when the request named none), with the codes provisioning gave it.
     */
    static AdditionalDetails afterSimReplaced(AdditionalDetails current, SimReplaced event) {
        return new AdditionalDetails(
                event.newIccid(),
                event.newImsi(),
                event.pin(),
                event.puk(),
                event.pin2(),
                event.puk2(),
                event.fabricationType() == null ? current.fabricationType() : wireName(event.fabricationType()),
                current.imei(),
                current.serialNumber(),
                current.macAddress());
    }

    /** As the API spells it ({@code eSIM}, {@code pSIM}). */
    static String wireName(FabricationType type) {
        if (type == null) {
            return null;
        }
        return switch (type) {
            case ESIM -> "eSIM";
            case PSIM -> "pSIM";
        };
    }
}
