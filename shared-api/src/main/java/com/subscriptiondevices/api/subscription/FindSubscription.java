package com.subscriptiondevices.api.subscription;

/** The subscription with this id, if it belongs to the org. Answers {@code Optional<SubscriptionView>}. */
public record FindSubscription(String org, SubscriptionId subscriptionId) {}
