package com.subscriptiondevices.readmodel.simswap;

import com.subscriptiondevices.readmodel.StoredRow;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code sim_swap}: a number, who holds it (its key: a subscription holds one number), its latest SIM change. */
public record SimSwapRow(String msisdn, UUID subscriptionId, String org, Instant latestSimChange) implements StoredRow {

    @Override
    public String table() {
        return "sim_swap";
    }

    @Override
    public Object key() {
        return subscriptionId;
    }
}
