package com.subscriptiondevices.api.simswap;

import java.util.List;

/**
 * The latest SIM change of a phone number (E.164), when a subscription of one of {@code orgs} holds
 * it. Answers {@code Optional<Instant>}: empty for a number nobody holds, or that another org's
 * subscription holds.
 */
public record FindLatestSimChange(String msisdn, List<String> orgs) {

    public FindLatestSimChange {
        orgs = List.copyOf(orgs);
    }
}
