package com.subscriptiondevices.api.device;

import java.time.Instant;
import java.util.UUID;

/** A customer's commitment tied to the device (a minimum stay, for example). */
public record Commitment(
        UUID id,
        Long legacyId,
        Instant expirationDate,
        Instant cancellationDate,
        String cancellationSystem,
        String cancellationUser) {}
