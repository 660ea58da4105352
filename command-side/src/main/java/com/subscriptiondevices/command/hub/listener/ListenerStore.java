package com.subscriptiondevices.command.hub.listener;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The listeners, in {@code hub_listener}. */
@Repository
public class ListenerStore {

    private static final String STATUS = "case when exists (select 1 from hub_parked d where d.listener_id = l.id"
            + " and d.state = 'DEAD') then 'FAILING' else 'ACTIVE' end";

    private final JdbcClient jdbc;

    ListenerStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores a new listener. It hears the events stored after {@code hearsAfter}, the event store's latest
     * index before the registration, as the hub appends them: its position is the hub's latest event, and
     * the events the fan-out appends after it that were stored before the registration are passed over.
     */
    public void register(
            UUID id, String org, String callback, String query, String secret, Instant createdAt, long hearsAfter) {
        jdbc.sql("insert into hub_listener (id, org, callback, query, secret, created_at, position, hears_after)"
                        + " values (?, ?, ?, ?, ?, ?, (select coalesce(max(seq), 0) from hub_event), ?)")
                .params(id, org, callback, query, secret, timestamp(createdAt), hearsAfter)
                .update();
    }

    public List<Listener> list(String org) {
        return jdbc.sql("select l.id, l.org, l.callback, l.query, " + STATUS + " as status, l.created_at,"
                        + " l.last_delivered_at, 0 as pending, l.failures, l.last_error from hub_listener l"
                        + " where l.org = ? and not l.deleted order by l.created_at, l.id")
                .param(org)
                .query(ListenerStore::listener)
                .list();
    }

    public Optional<Listener> find(String org, UUID id) {
        Optional<Listener> found = jdbc.sql("select l.id, l.org, l.callback, l.query, " + STATUS
                        + " as status, l.created_at, l.last_delivered_at, 0 as pending, l.failures, l.last_error"
                        + " from hub_listener l where l.org = ? and l.id = ? and not l.deleted")
                .params(org, id)
                .query(ListenerStore::listener)
                .optional();
        return found.map(listener -> new Listener(
                listener.id(),
                listener.org(),
                listener.callback(),
                listener.query(),
                listener.status(),
                listener.createdAt(),
                listener.lastDeliveredAt(),
                pending(listener),
                listener.failures(),
                listener.lastError()));
    }

    /**
     * What waits for the listener: the events after its position that it wants, and its parked deliveries
     * but those of a subscription whose delivery was given up (they are the hub's dead letters).
     */
    private long pending(Listener listener) {
        ListenerQuery query = ListenerQuery.parse(listener.query());
        List<Object> params = new ArrayList<>(List.of(listener.id(), listener.org()));
        String types = "";
        if (!query.types().isEmpty()) {
            types = " and e.type in (" + query.types().stream().map(type -> "?").collect(Collectors.joining(", "))
                    + ")";
            params.addAll(query.types());
        }
        long fresh = jdbc.sql("select count(*) from hub_listener l join hub_event e on e.seq > l.position where l.id"
                        + " = ? and e.org = ? and (e.event_index is null or l.hears_after is null or e.event_index >"
                        + " l.hears_after)" + types)
                .params(params)
                .query(Long.class)
                .single();
        long parked = jdbc.sql("select count(*) from hub_parked p where p.listener_id = ? and not exists (select 1"
                        + " from hub_parked d where d.listener_id = p.listener_id and d.subscription_id = p.subscription_id"
                        + " and d.state = 'DEAD')")
                .param(listener.id())
                .query(Long.class)
                .single();
        return fresh + parked;
    }

    /** Marks the listener deleted: nothing new is delivered to it. False when the org has no such listener. */
    public boolean markDeleted(String org, UUID id) {
        return jdbc.sql("update hub_listener set deleted = true where org = ? and id = ? and not deleted")
                        .params(org, id)
                        .update()
                > 0;
    }

    /** Who delivers to the listener, and until when the claim holds: empty when nobody does. */
    public Optional<Map.Entry<String, Instant>> claim(UUID id) {
        return jdbc.sql("select claimed_by, claimed_until from hub_listener where id = ? and claimed_by is not null")
                .param(id)
                .query((rs, row) -> Map.entry(
                        rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant()))
                .optional();
    }

    /** Removes a deleted listener with its parked deliveries. */
    public void remove(UUID id) {
        jdbc.sql("delete from hub_listener where id = ? and deleted").param(id).update();
    }

    private static Listener listener(ResultSet rs, int row) throws SQLException {
        return new Listener(
                rs.getObject("id", UUID.class),
                rs.getString("org"),
                rs.getString("callback"),
                rs.getString("query"),
                rs.getString("status"),
                instant(rs.getObject("created_at", OffsetDateTime.class)),
                instant(rs.getObject("last_delivered_at", OffsetDateTime.class)),
                rs.getLong("pending"),
                rs.getLong("failures"),
                rs.getString("last_error"));
    }

    /** Instants travel as UTC offset date-times, which both PostgreSQL's and H2's drivers bind. */
    public static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    public static Instant instant(OffsetDateTime timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
