package com.subscriptiondevices.api.subscription;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Applies an RFC 6902 JSON Patch document to the subscription's V2 representation, atomically and to
 * its latest state; only {@code /msisdn} may change. Answers the {@link SubscriptionView} after it.
 *
 * @param patchDocument the JSON Patch array as the client sent it
 */
public record PatchSubscription(
        @TargetAggregateIdentifier SubscriptionId subscriptionId, String org, String patchDocument) {}
