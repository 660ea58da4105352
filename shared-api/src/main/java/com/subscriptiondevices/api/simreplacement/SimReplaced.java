package com.subscriptiondevices.api.simreplacement;

import com.subscriptiondevices.api.device.DeviceId;
import com.subscriptiondevices.api.device.FabricationType;
import com.subscriptiondevices.api.device.SimCard;
import com.subscriptiondevices.api.subscription.SubscriptionId;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * The network swapped the SIM: the device now carries the new card (ICCID, IMSI, codes and
 * fabrication type), at {@code version}. {@code previousIccid} is the card it no longer holds.
 */
@Revision("1")
public record SimReplaced(
        SubscriptionId subscriptionId,
        DeviceId deviceId,
        UUID requestId,
        long version,
        String previousIccid,
        String newIccid,
        String newImsi,
        FabricationType fabricationType,
        String pin,
        String puk,
        String pin2,
        String puk2) {

    /** The card the device holds from now on. */
    public SimCard newCard() {
        return new SimCard(newIccid, newImsi, pin, puk, pin2, puk2, fabricationType);
    }
}
