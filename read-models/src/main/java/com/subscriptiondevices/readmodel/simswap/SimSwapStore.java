package com.subscriptiondevices.readmodel.simswap;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Where the SIM swap read model's rows are kept: the table of one version ({@link JdbcSimSwapStore}) or
 * memory ({@link InMemorySimSwapStore}). Writes are idempotent, so replaying an event never duplicates
 * a row.
 */
interface SimSwapStore {

    /** The subscription holds {@code row}'s number from now on, instead of any number it held before. */
    void numberGiven(SimSwapRow row);

    /** The subscription holds no number any more. */
    void numberRemoved(UUID subscriptionId);

    /** The subscription's SIM changed at {@code at}: its number's latest change, unless a later one is known. */
    void simChanged(UUID subscriptionId, Instant at);

    Optional<SimSwapRow> byMsisdn(String msisdn);

    List<SimSwapRow> ofSubscriptions(Collection<UUID> subscriptionIds);
}
