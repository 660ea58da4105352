package com.subscriptiondevices.command.hub.web;

import java.time.Instant;
import java.util.UUID;

/** A listener just registered, with its secret: the only answer that ever shows it. */
record RegisteredListener(UUID id, String callback, String query, String status, Instant createdAt, String secret) {}
