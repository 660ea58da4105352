package com.subscriptiondevices.query.audit;

import com.subscriptiondevices.api.audit.RecordedEvent;
import com.subscriptiondevices.api.subscription.SubscriptionCreated;
import com.subscriptiondevices.api.subscription.SubscriptionId;
import com.subscriptiondevices.platform.axon.AxonConfiguration;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A subscription's events, read straight from Axon's event store (never from a read model). For the
 * audit trail they stay as they were stored (raw JSON); to rebuild past state they are upcast and
 * deserialized exactly as Axon would, with its event serializer and upcaster chain.
 */
@Repository
class EventLog {

    private static final String COLUMNS = "eventidentifier, aggregateidentifier, sequencenumber, type, timestamp,"
            + " payloadtype, payloadrevision, payload, metadata";

    private final JdbcClient jdbc;
    private final Serializer serializer;
    private final Configuration axon;

    /** Decimals stay exact (an insurable amount of 199.90 is not a double). */
    private final JsonMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    EventLog(JdbcClient jdbc, @Qualifier("eventSerializer") Serializer serializer, Configuration axon) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.axon = axon;
    }

    /** The org of the subscription, from the event that created it; empty when there is no such subscription. */
    Optional<String> orgOf(SubscriptionId subscription) {
        List<GenericDomainEventEntry<byte[]>> first = jdbc.sql("select " + COLUMNS
                        + " from domainevententry where aggregateidentifier = ? order by sequencenumber limit 1")
                .param(subscription.toString())
                .query(EventLog::entry)
                .list();
        return deserialized(first).stream()
                .map(DomainEventMessage::getPayload)
                .filter(SubscriptionCreated.class::isInstance)
                .map(created -> ((SubscriptionCreated) created).org())
                .findFirst();
    }

    /**
     * Up to {@code limit} events of the subscription after {@code afterSequence}, in order, as the audit
     * trail shows them: the payload as stored, with snake_case field names.
     */
    List<RecordedEvent> page(SubscriptionId subscription, long afterSequence, int limit) {
        return jdbc.sql("select sequencenumber, payloadtype, timestamp, payload, metadata from domainevententry"
                        + " where aggregateidentifier = ? and sequencenumber > ? order by sequencenumber limit ?")
                .params(subscription.toString(), afterSequence, limit)
                .query(this::recorded)
                .list();
    }

    /**
     * The subscription's events up to and including {@code asOf}, deserialized. The events are taken in
     * sequence order and the first one after the instant ends the list, so the result is always a state
     * the subscription really went through.
     */
    List<DomainEventMessage<?>> until(SubscriptionId subscription, Instant asOf) {
        List<GenericDomainEventEntry<byte[]>> entries = new ArrayList<>();
        for (GenericDomainEventEntry<byte[]> entry : jdbc.sql("select " + COLUMNS
                        + " from domainevententry where aggregateidentifier = ? order by sequencenumber")
                .param(subscription.toString())
                .query(EventLog::entry)
                .list()) {
            if (entry.getTimestamp().isAfter(asOf)) {
                break;
            }
            entries.add(entry);
        }
        return deserialized(entries);
    }

    private List<DomainEventMessage<?>> deserialized(List<GenericDomainEventEntry<byte[]>> entries) {
        if (entries.isEmpty()) {
            return List.of();
        }
        return EventStreamUtils.upcastAndDeserializeDomainEvents(entries.stream(), serializer, axon.upcasterChain())
                .asStream()
                .<DomainEventMessage<?>>map(event -> event)
                .toList();
    }

    private static GenericDomainEventEntry<byte[]> entry(ResultSet rs, int row) throws SQLException {
        return new GenericDomainEventEntry<>(
                rs.getString("type"),
                rs.getString("aggregateidentifier"),
                rs.getLong("sequencenumber"),
                rs.getString("eventidentifier"),
                rs.getString("timestamp"),
                rs.getString("payloadtype"),
                rs.getString("payloadrevision"),
                rs.getBytes("payload"),
                rs.getBytes("metadata"));
    }

    private RecordedEvent recorded(ResultSet rs, int row) throws SQLException {
        String payloadType = rs.getString("payloadtype");
        byte[] metadata = rs.getBytes("metadata");
        JsonNode meta = metadata == null ? json.missingNode() : json.readTree(metadata);
        return new RecordedEvent(
                rs.getLong("sequencenumber"),
                payloadType.substring(payloadType.lastIndexOf('.') + 1),
                DateTimeUtils.parseInstant(rs.getString("timestamp")),
                text(meta, AxonConfiguration.USER_NAME),
                text(meta, AxonConfiguration.CORRELATION_ID),
                AuditPayloads.snakeCase(payload(rs.getBytes("payload"))));
    }

    /** Every event of ours is a JSON object; anything else is shown under {@code value}. */
    private Map<String, Object> payload(byte[] bytes) {
        Object value = json.readValue(bytes, Object.class);
        if (value instanceof Map<?, ?> object) {
            Map<String, Object> payload = new LinkedHashMap<>();
            object.forEach((key, field) -> payload.put(String.valueOf(key), field));
            return payload;
        }
        Map<String, Object> wrapped = new LinkedHashMap<>();
        wrapped.put("value", value);
        return wrapped;
    }

    private static String text(JsonNode metadata, String key) {
        JsonNode value = metadata.path(key);
        return value.isValueNode() && !value.isNull() ? value.asString() : null;
    }
}
