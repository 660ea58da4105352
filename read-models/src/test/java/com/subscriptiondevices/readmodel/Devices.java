package com.subscriptiondevices.readmodel;

import com.subscriptiondevices.api.device.AcquisitionType;
import com.subscriptiondevices.api.device.DeviceDetails;
import com.subscriptiondevices.api.device.SimCard;
import java.time.Instant;
import java.util.List;

/** Device details for the read models' tests: a borrowed device of catalogue P045A1SNC, account 4711. */
public final class Devices {

    private Devices() {}

    /** A SIM device carrying the card, returned to the store at {@code returned} (or not: null). */
    public static DeviceDetails sim(SimCard card, Instant returned) {
        return details(null, null, card, returned);
    }

    /** With the serial number, IMEI and SIM card given (any may be null). */
    public static DeviceDetails details(String serialNumber, String imei, SimCard card, Instant returned) {
        return new DeviceDetails(
                "P045A1SNC",
                null,
                null,
                null,
                null,
                null,
                null,
                returned,
                null,
                serialNumber,
                null,
                imei,
                AcquisitionType.BORROWED,
                List.of(),
                null,
                4711,
                null,
                card);
    }
}
