package com.subscriptiondevices.command.subscription.web;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.util.UUID;

/** Registers a subscription; the service assigns the ids a client leaves out. */
record SubscriptionRequest(UUID id, @Positive Long legacyId, @NotNull @Positive Long legacyAccountId) {}
