package com.subscriptiondevices.api.subscription;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Registers a subscription that the upstream system owns, so devices can be attached to it.
 *
 * @param msisdn its phone number (E.164), or null for none yet
 */
public record CreateSubscription(
        @TargetAggregateIdentifier SubscriptionId subscriptionId,
        String org,
        long legacyId,
        long legacyAccountId,
        String msisdn) {}
