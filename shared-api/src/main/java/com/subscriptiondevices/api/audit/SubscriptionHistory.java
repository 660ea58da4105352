package com.subscriptiondevices.api.audit;

import java.util.List;

/**
 * The answer to {@link FindSubscriptionHistory}: whether the subscription exists in the org, one page
 * of its events, and whether more events follow the page.
 */
public record SubscriptionHistory(boolean subscriptionFound, List<RecordedEvent> events, boolean more) {

    public SubscriptionHistory {
        events = events == null ? List.of() : List.copyOf(events);
    }

    public static SubscriptionHistory subscriptionNotFound() {
        return new SubscriptionHistory(false, List.of(), false);
    }
}
