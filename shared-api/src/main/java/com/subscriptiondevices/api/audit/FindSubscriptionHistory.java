package com.subscriptiondevices.api.audit;

import com.subscriptiondevices.api.subscription.SubscriptionId;

/**
 * A page of a subscription of the org's events, straight from the event store: those with a sequence
 * number above {@code afterSequence} (-1 for the first page), at most {@code limit} of them, in order.
 * Answers {@link SubscriptionHistory}.
 */
public record FindSubscriptionHistory(String org, SubscriptionId subscriptionId, long afterSequence, int limit) {}
