package com.subscriptiondevices.platform.axon.deadletter;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.DefaultDeadLetterStatementFactory;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.axonframework.serialization.Serializer;

/**
 * Axon's statements, except that a requeued letter keeps the type of the exception that failed its
 * retry. Axon 4.13's JDBC dead letter wraps the policy's cause in another {@link ThrowableCause} on
 * requeue, which would store {@code ThrowableCause} as the type of every failed retry.
 */
class CauseKeepingStatementFactory extends DefaultDeadLetterStatementFactory<EventMessage<?>> {

    CauseKeepingStatementFactory(DeadLetterSchema schema, Serializer genericSerializer, Serializer eventSerializer) {
        super(DefaultDeadLetterStatementFactory.<EventMessage<?>>builder()
                .schema(schema)
                .genericSerializer(genericSerializer)
                .eventSerializer(eventSerializer));
    }

    @Override
    public PreparedStatement requeueStatement(
            Connection connection, String identifier, Cause cause, Instant lastTouched, MetaData diagnostics)
            throws SQLException {
        return super.requeueStatement(connection, identifier, unwrapped(cause), lastTouched, diagnostics);
    }

    static Cause unwrapped(Cause cause) {
        Cause current = cause;
        while (current instanceof ThrowableCause wrapper && wrapper.getCause() instanceof Cause inner) {
            current = inner;
        }
        return current;
    }
}
