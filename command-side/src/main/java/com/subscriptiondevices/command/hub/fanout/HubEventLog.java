package com.subscriptiondevices.command.hub.fanout;

import com.subscriptiondevices.command.hub.listener.ListenerQuery;
import com.subscriptiondevices.command.hub.listener.ListenerStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The hub's stream of CloudEvents ({@code hub_event}), as the fan-out appends to it. */
final class HubEventLog {

    private final JdbcClient jdbc;

    HubEventLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** For each org with listeners, what they want together: a type is sent when one of them wants it. */
    Map<String, ListenerQuery> wanted() {
        Map<String, java.util.Set<String>> types = new HashMap<>();
        Map<String, ListenerQuery> everything = new HashMap<>();
        jdbc.sql("select org, query from hub_listener where not deleted")
                .query((rs, row) -> {
                    String org = rs.getString(1);
                    ListenerQuery query = ListenerQuery.parse(rs.getString(2));
                    if (query.types().isEmpty()) {
                        everything.put(org, ListenerQuery.EVERYTHING);
                    } else {
                        types.computeIfAbsent(org, o -> new java.util.HashSet<>())
                                .addAll(query.types());
                    }
                    return null;
                })
                .list();
        Map<String, ListenerQuery> wanted = new HashMap<>();
        types.forEach((org, set) -> wanted.put(org, new ListenerQuery(set)));
        wanted.putAll(everything);
        return wanted;
    }

    /** Takes the hub's append turn for this transaction: appends commit in the order of their seq. */
    void takeTurn() {
        jdbc.sql("update hub_append_lock set appends = appends + 1 where id = 1")
                .update();
    }

    /** {@code eventIndex}: the event's global index in the event store; null when not known (a retried letter). */
    void append(
            String org,
            String subscriptionId,
            String eventId,
            Long eventIndex,
            String type,
            Instant occurredAt,
            String body) {
        jdbc.sql("insert into hub_event (org, subscription_id, event_id, event_index, type, occurred_at, body)"
                        + " values (?, ?, ?, ?, ?, ?, ?)")
                .params(org, subscriptionId, eventId, eventIndex, type, ListenerStore.timestamp(occurredAt), body)
                .update();
    }
}
