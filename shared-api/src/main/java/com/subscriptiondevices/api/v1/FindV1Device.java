package com.subscriptiondevices.api.v1;

/** One device of a subscription of the org, by its integer id. Answers {@link V1Devices} (zero or one device). */
public record FindV1Device(String org, SubscriptionRef subscription, long deviceLegacyId, boolean onlyActive) {}
