package com.subscriptiondevices.api.subscription;

/** A registered subscription as the API shows it; {@code msisdn} is null while it has no phone number. */
public record SubscriptionView(SubscriptionId id, long legacyId, long legacyAccountId, String org, String msisdn) {}
