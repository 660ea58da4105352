package com.subscriptiondevices.api.subscription;

/** A registered subscription as the API shows it. */
public record SubscriptionView(SubscriptionId id, long legacyId, long legacyAccountId, String org) {}
