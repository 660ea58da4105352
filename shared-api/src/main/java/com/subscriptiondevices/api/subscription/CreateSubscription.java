package com.subscriptiondevices.api.subscription;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Registers a subscription that the upstream system owns, so devices can be attached to it. */
public record CreateSubscription(
        @TargetAggregateIdentifier SubscriptionId subscriptionId, String org, long legacyId, long legacyAccountId) {}
