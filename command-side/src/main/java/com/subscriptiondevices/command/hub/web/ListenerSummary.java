package com.subscriptiondevices.command.hub.web;

import com.subscriptiondevices.command.hub.listener.Listener;
import java.time.Instant;
import java.util.UUID;

/** A listener in its org's list (never its secret). */
record ListenerSummary(UUID id, String callback, String query, String status, Instant createdAt) {

    static ListenerSummary of(Listener listener) {
        return new ListenerSummary(
                listener.id(), listener.callback(), listener.query(), listener.status(), listener.createdAt());
    }
}
