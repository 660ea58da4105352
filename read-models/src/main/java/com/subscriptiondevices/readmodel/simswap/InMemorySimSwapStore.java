package com.subscriptiondevices.readmodel.simswap;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The SIM swap read model in memory: the rows the table would hold, for verification. */
final class InMemorySimSwapStore implements SimSwapStore {

    private final Map<UUID, SimSwapRow> bySubscription = new LinkedHashMap<>();

    @Override
    public void numberGiven(SimSwapRow row) {
        bySubscription.put(row.subscriptionId(), row);
    }

    @Override
    public void numberRemoved(UUID subscriptionId) {
        bySubscription.remove(subscriptionId);
    }

    @Override
    public void simChanged(UUID subscriptionId, Instant at) {
        bySubscription.computeIfPresent(
                subscriptionId,
                (id, row) ->
                        row.latestSimChange().isBefore(at) ? new SimSwapRow(row.msisdn(), id, row.org(), at) : row);
    }

    @Override
    public Optional<SimSwapRow> byMsisdn(String msisdn) {
        return bySubscription.values().stream()
                .filter(row -> row.msisdn().equals(msisdn))
                .findFirst();
    }

    @Override
    public List<SimSwapRow> ofSubscriptions(Collection<UUID> subscriptionIds) {
        Set<UUID> wanted = Set.copyOf(subscriptionIds);
        return bySubscription.values().stream()
                .filter(row -> wanted.contains(row.subscriptionId()))
                .toList();
    }
}
