package com.subscriptiondevices.platform.axon;

import com.subscriptiondevices.platform.data.WritePipeline;
import java.util.List;
import java.util.Locale;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.postgresql.util.PSQLException;
import org.springframework.dao.DataAccessException;

/**
 * Axon's JDBC event store, whose appends travel with the rest of their write ({@link WritePipeline}):
 * the events are serialized at once, and their inserts are sent with the claims and read-model rows of
 * the same unit of work, in one round trip. The rows are the ones Axon writes, and an append that loses
 * a race for its sequence number fails as Axon's own does (a conflict to retry, or an aggregate that
 * exists already), so nothing above it can tell. Where the pipeline runs statements at once, so does this.
 */
final class PipelinedEventStorageEngine extends JdbcEventStorageEngine {

    private static final String UNIQUE_VIOLATION = "23505";

    private final WritePipeline pipeline;
    private final Class<?> dataType;
    private final String append;

    PipelinedEventStorageEngine(Builder builder, WritePipeline pipeline, Class<?> dataType) {
        super(builder);
        this.pipeline = pipeline;
        this.dataType = dataType;
        EventSchema schema = schema();
        this.append = "INSERT INTO " + schema.domainEventTable() + " (" + schema.domainEventFields()
                + ") VALUES (?,?,?,?,?,?,?,?,?)";
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty() || !pipeline.holding()) {
            super.appendEvents(events, serializer);
            return;
        }
        EventMessage<?> first = events.get(0);
        for (EventMessage<?> message : events) {
            DomainEventMessage<?> event = message instanceof DomainEventMessage<?> domain
                    ? domain
                    : new GenericDomainEventMessage<>(
                            null, message.getIdentifier(), 0L, message, message::getTimestamp);
            SerializedObject<?> payload = event.serializePayload(serializer, dataType);
            SerializedObject<?> metaData = event.serializeMetaData(serializer, dataType);
            Object[] row = {
                event.getIdentifier(),
                event.getAggregateIdentifier(),
                event.getSequenceNumber(),
                event.getType(),
                DateTimeUtils.formatInstant(event.getTimestamp()),
                payload.getType().getName(),
                payload.getType().getRevision(),
                payload.getData(),
                metaData.getData()
            };
            if (message == first) {
                // as Axon's own append, the first event names the failure
                pipeline.send(append, row, failure -> lostItsPlace(failure) ? translated(failure, first) : null);
            } else {
                pipeline.send(append, row);
            }
        }
    }

    /**
     * A duplicate key of the event store's own table: another write took the sequence number (or the id).
     * Only PostgreSQL's statements are held back, so its report says which table refused the row.
     */
    private boolean lostItsPlace(DataAccessException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PSQLException psql && UNIQUE_VIOLATION.equals(psql.getSQLState())) {
                String table = psql.getServerErrorMessage() == null
                        ? null
                        : psql.getServerErrorMessage().getTable();
                return table == null
                        || table.toLowerCase(Locale.ROOT)
                                .equals(schema().domainEventTable().toLowerCase(Locale.ROOT));
            }
        }
        return false;
    }

    /** What Axon throws for the failed append: a conflict, or an aggregate that exists already. */
    private RuntimeException translated(DataAccessException failure, EventMessage<?> event) {
        try {
            handlePersistenceException(failure, event);
        } catch (RuntimeException translated) {
            return translated;
        }
        return failure;
    }
}
