package com.subscriptiondevices.api.v1;

import java.time.Instant;

/**
 * {@link FindV1Device} as the answer was at {@code asOf}, rebuilt from the subscription's events up to
 * that instant (not from a read model), change requests included. Answers {@link V1Devices}.
 */
public record FindV1DeviceAsOf(
        String org, SubscriptionRef subscription, long deviceLegacyId, boolean onlyActive, Instant asOf) {}
