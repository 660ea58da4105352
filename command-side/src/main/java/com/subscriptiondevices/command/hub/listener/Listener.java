package com.subscriptiondevices.command.hub.listener;

import java.time.Instant;
import java.util.UUID;

/**
 * A registered listener as its org sees it (never its secret).
 *
 * @param status {@code ACTIVE}, or {@code FAILING} while a delivery to it was given up (a hub dead letter)
 * @param pending events waiting to be delivered to it, not counting those given up
 * @param failures failed attempts since its last successful delivery
 */
public record Listener(
        UUID id,
        String org,
        String callback,
        String query,
        String status,
        Instant createdAt,
        Instant lastDeliveredAt,
        long pending,
        long failures,
        String lastError) {

    public static final String ACTIVE = "ACTIVE";
    public static final String FAILING = "FAILING";
}
