package com.subscriptiondevices.query.simswap;

import com.subscriptiondevices.api.simswap.FindLatestSimChange;
import com.subscriptiondevices.readmodel.simswap.SimSwapModel;
import com.subscriptiondevices.readmodel.simswap.SimSwapReads;
import java.time.Instant;
import java.util.Optional;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/** Answers the SIM swap queries from their read model: one look-up by number, never a replay. */
@Component
class SimSwapQueries {

    private final SimSwapReads reads;

    SimSwapQueries(SimSwapModel model) {
        this.reads = model.live();
    }

    @QueryHandler
    Optional<Instant> handle(FindLatestSimChange query) {
        return reads.latestSimChange(query.msisdn(), query.orgs());
    }
}
