package com.subscriptiondevices.api.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One event of a subscription as the audit trail shows it: its sequence number within the
 * subscription, the business event's name ({@code DeviceAdded}), when it happened, who caused it and
 * under which request, and its payload as a JSON object (maps, lists and plain values) with
 * snake_case field names.
 */
public record RecordedEvent(
        long sequence,
        String type,
        Instant timestamp,
        String userName,
        String correlationId,
        Map<String, Object> payload) {

    public RecordedEvent withPayload(Map<String, Object> newPayload) {
        return new RecordedEvent(sequence, type, timestamp, userName, correlationId, newPayload);
    }
}
