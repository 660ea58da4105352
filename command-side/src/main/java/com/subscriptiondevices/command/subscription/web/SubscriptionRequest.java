package com.subscriptiondevices.command.subscription.web;

import com.subscriptiondevices.platform.validation.Msisdn;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.util.UUID;

/** Registers a subscription, optionally with its phone number; the service assigns the ids a client leaves out. */
record SubscriptionRequest(
        UUID id, @Positive Long legacyId, @NotNull @Positive Long legacyAccountId, @Msisdn String msisdn) {}
