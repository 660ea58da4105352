package com.subscriptiondevices.query.deadletter;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every event a projection fails on is dead-lettered (again, when its retry fails too), and logged with
 * its processing group, id, type and subscription, and the cause. Never the payload; and of the
 * cause's message only its first line, which is also what the queue keeps: PostgreSQL's detail lines
 * can quote a failing row, PIN and PUK included.
 */
final class ProjectionFailurePolicy implements EnqueuePolicy<EventMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger(ProjectionFailurePolicy.class);

    private final String processingGroup;

    ProjectionFailurePolicy(String processingGroup) {
        this.processingGroup = processingGroup;
    }

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        ThrowableCause reason = redacted(cause);
        EventMessage<?> event = letter.message();
        String aggregate = event instanceof DomainEventMessage<?> domain
                ? domain.getAggregateIdentifier() + " #" + domain.getSequenceNumber()
                : "-";
        log.warn(
                "{} could not handle event {} ({} of {}); it waits in the dead-letter queue: {}: {}",
                processingGroup,
                event.getIdentifier(),
                event.getPayloadType().getSimpleName(),
                aggregate,
                reason.type(),
                reason.message());
        return Decisions.enqueue(reason);
    }

    /** The failure's type, and the first line of its message, at most as long as the queue keeps. */
    static ThrowableCause redacted(Throwable failure) {
        String message = failure.getMessage() == null ? "" : failure.getMessage();
        String firstLine = message.lines().findFirst().orElse("").strip();
        if (firstLine.length() > ThrowableCause.TRUNCATED_MESSAGE_SIZE) {
            firstLine = firstLine.substring(0, ThrowableCause.TRUNCATED_MESSAGE_SIZE);
        }
        return new ThrowableCause(failure.getClass().getName(), firstLine);
    }
}
