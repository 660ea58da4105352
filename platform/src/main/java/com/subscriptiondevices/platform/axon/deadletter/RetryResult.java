package com.subscriptiondevices.platform.axon.deadletter;

import org.axonframework.messaging.deadletter.Cause;

/**
 * What a retry did to one dead letter. {@code PROCESSED}: the letter was handled and is gone (with
 * the letters queued behind it, as far as they succeeded too). {@code FAILED}: it is still queued;
 * the cause is why its sequence still fails (the cause of the sequence's first letter).
 */
public record RetryResult(String id, Outcome outcome, String causeType, String causeMessage) {

    public enum Outcome {
        PROCESSED,
        FAILED
    }

    static RetryResult processed(String id) {
        return new RetryResult(id, Outcome.PROCESSED, null, null);
    }

    static RetryResult failed(String id, Cause blocking) {
        return new RetryResult(id, Outcome.FAILED, blocking.type(), blocking.message());
    }
}
