package com.subscriptiondevices.api.subscription;

import org.axonframework.serialization.Revision;

/** A subscription entered this service. Its org and both identities never change afterwards. */
@Revision("1")
public record SubscriptionCreated(SubscriptionId subscriptionId, String org, long legacyId, long legacyAccountId) {}
