package com.subscriptiondevices.command.hub.web;

import com.subscriptiondevices.command.hub.listener.Listener;
import java.time.Instant;
import java.util.UUID;

/** A listener with how its deliveries go (never its secret). */
record ListenerDetails(
        UUID id,
        String callback,
        String query,
        String status,
        Instant createdAt,
        Instant lastDeliveredAt,
        long pending,
        long failures,
        String lastError) {

    static ListenerDetails of(Listener listener) {
        return new ListenerDetails(
                listener.id(),
                listener.callback(),
                listener.query(),
                listener.status(),
                listener.createdAt(),
                listener.lastDeliveredAt(),
                listener.pending(),
                listener.failures(),
                listener.lastError());
    }
}
