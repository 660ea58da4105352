package com.subscriptiondevices.readmodel.simswap;

import com.subscriptiondevices.api.device.DeviceAdded;
import com.subscriptiondevices.api.device.DeviceCategory;
import com.subscriptiondevices.api.simreplacement.SimReplaced;
import com.subscriptiondevices.api.subscription.MsisdnChanged;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;

/**
 * The rules of the SIM swap read model. A number's latest SIM change is the latest of: the number
 * being given to the subscription that holds it now (so a number that moved to another subscription
 * changed SIM for its new holder); a SIM device added to that subscription; a replacement of one of
 * its SIMs processed by the network. A replacement asked for, or rejected, changes no SIM. A number
 * removed is no longer known. The instant of each is its event's.
 */
@ProcessingGroup(SimSwapModel.NAME)
public final class SimSwapProjection {

    private final SimSwapStore store;

    SimSwapProjection(SimSwapStore store) {
        this.store = store;
    }

    @EventHandler
    void on(MsisdnChanged event, @Timestamp Instant at) {
        if (event.msisdn() == null) {
            store.numberRemoved(event.subscriptionId().value());
        } else {
            store.numberGiven(
                    new SimSwapRow(event.msisdn(), event.subscriptionId().value(), event.org(), at));
        }
    }

    @EventHandler
    void on(DeviceAdded event, @Timestamp Instant at) {
        if (event.category() == DeviceCategory.SIM) {
            store.simChanged(event.subscriptionId().value(), at);
        }
    }

    @EventHandler
    void on(SimReplaced event, @Timestamp Instant at) {
        store.simChanged(event.subscriptionId().value(), at);
    }
}
