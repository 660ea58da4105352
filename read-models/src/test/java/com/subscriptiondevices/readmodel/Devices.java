package com.subscriptiondevices.readmodel;

import com.subscriptiondevices.api.device.AcquisitionType;
import com.subscriptiondevices.api.device.DeviceDetails;
import com.subscriptiondevices.api.device.DeviceId;
import com.subscriptiondevices.api.device.FabricationType;
import com.subscriptiondevices.api.device.SimCard;
import com.subscriptiondevices.api.simreplacement.SignatureType;
import com.subscriptiondevices.api.simreplacement.SimReplaced;
import com.subscriptiondevices.api.simreplacement.SimReplacementRequested;
import com.subscriptiondevices.api.subscription.SubscriptionId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Devices for the read models' tests: details of a borrowed device of catalogue P045A1SNC, account 4711,
 * and a SIM replacement asked for in a shop and processed by the network.
 */
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

    /** A replacement of the SIM with {@code card} by the eSIM 89340114115512831440, asked for in a shop. */
    public static SimReplacementRequested replacementRequested(
            SubscriptionId subscription, DeviceId sim, UUID request, SimCard card) {
        return new SimReplacementRequested(
                subscription,
                sim,
                request,
                "agent@shop.example",
                "sim lost",
                null,
                FabricationType.ESIM,
                "sig-1",
                SignatureType.PAPER,
                card.iccid(),
                card.imsi(),
                "89340114115512831440",
                "214035453370794");
    }

    /** The network's answer to that replacement: the eSIM 89340114115512831440 in place of {@code card}, with its codes. */
    public static SimReplaced simReplaced(
            SubscriptionId subscription, DeviceId sim, UUID request, long version, SimCard card) {
        return new SimReplaced(
                subscription,
                sim,
                request,
                version,
                card.iccid(),
                "89340114115512831440",
                "214035453370794",
                FabricationType.ESIM,
                "1006",
                "44434452",
                "7253",
                "47924039");
    }
}
