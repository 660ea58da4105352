package com.subscriptiondevices.readmodel.simswap;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/** What the SIM swap API reads from its read model, wherever the rows are. */
public final class SimSwapReads {

    private final SimSwapStore store;

    SimSwapReads(SimSwapStore store) {
        this.store = store;
    }

    /** The number's latest SIM change, when a subscription of one of {@code orgs} holds it; empty otherwise. */
    public Optional<Instant> latestSimChange(String msisdn, Collection<String> orgs) {
        return store.byMsisdn(msisdn).filter(row -> orgs.contains(row.org())).map(SimSwapRow::latestSimChange);
    }
}
