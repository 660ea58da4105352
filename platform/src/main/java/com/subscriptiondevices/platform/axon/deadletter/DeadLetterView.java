package com.subscriptiondevices.platform.axon.deadletter;

import java.time.Instant;

/**
 * An event a projection could not handle, as operators see it: where it waits, what it is, and why.
 * Letters queued behind an earlier one of their sequence have no cause of their own.
 *
 * @param sequenceIdentifier the sequence the letter keeps its place in: the subscription's id
 * @param eventType the event's type, e.g. {@code DeviceAdded}
 * @param aggregateId the subscription the event belongs to
 * @param sequenceNumber the event's number within its subscription
 */
public record DeadLetterView(
        String id,
        String processingGroup,
        String sequenceIdentifier,
        String eventType,
        String eventId,
        String aggregateId,
        Long sequenceNumber,
        Instant enqueuedAt,
        Instant lastTouched,
        String causeType,
        String causeMessage) {}
