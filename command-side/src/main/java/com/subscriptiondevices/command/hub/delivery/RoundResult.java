package com.subscriptiondevices.command.hub.delivery;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What one round of a listener's deliveries comes to, recorded in one transaction.
 *
 * @param position the hub event up to which every event was delivered, parked or not wanted
 * @param lastDeliveredAt when the round's last delivery succeeded; null when none did
 * @param failedAttempts the round's failed attempts
 * @param lastError the round's last failure, or null
 */
record RoundResult(
        UUID listener,
        Instant at,
        long position,
        Instant lastDeliveredAt,
        int failedAttempts,
        String lastError,
        List<NewParked> parked,
        List<Retried> retried) {

    /** An event parked for the listener: one that failed (READY, due later), or one behind it (QUEUED). */
    record NewParked(
            long seq,
            String subscriptionId,
            String state,
            int attempts,
            Instant firstAttemptAt,
            Instant nextAttemptAt,
            String lastError) {}

    /** A parked delivery tried again: delivered, or failed again (READY with a later attempt, or DEAD). */
    record Retried(
            UUID id,
            String subscriptionId,
            boolean delivered,
            String state,
            int attempts,
            Instant firstAttemptAt,
            Instant nextAttemptAt,
            String lastError) {}
}
