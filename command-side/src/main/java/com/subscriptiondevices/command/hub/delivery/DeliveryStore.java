package com.subscriptiondevices.command.hub.delivery;

import static com.subscriptiondevices.command.hub.listener.ListenerStore.instant;
import static com.subscriptiondevices.command.hub.listener.ListenerStore.timestamp;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The delivery side of the hub's tables: claims, each listener's cursor, and its parked deliveries. */
@Repository
class DeliveryStore {

    static final String READY = "READY";
    static final String QUEUED = "QUEUED";
    static final String DEAD = "DEAD";

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    DeliveryStore(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** A listener as its deliveries need it. */
    record Target(
            UUID id,
            String org,
            String callback,
            String query,
            String secret,
            long position,
            boolean deleted,
            String claimedBy,
            Long hearsAfter) {

        /**
         * Whether the listener hears the event: not one stored before it registered (the fan-out may append
         * such an event after the registration).
         */
        boolean hears(HubEvent event) {
            return hearsAfter == null || event.index() == null || event.index() > hearsAfter;
        }
    }

    /** An event of the hub's stream. */
    record HubEvent(
            long seq,
            String subscriptionId,
            String eventId,
            Long index,
            String type,
            Instant occurredAt,
            String body) {}

    /** A parked delivery that is due: the first of its subscription's. */
    record Parked(UUID id, int attempts, Instant firstAttemptAt, HubEvent event) {}

    /** A parked delivery as the dead letters show it. */
    record Letter(
            UUID id,
            UUID listenerId,
            String subscriptionId,
            String state,
            String eventId,
            String type,
            Instant parkedAt,
            Instant lastTouched,
            int attempts,
            String lastError) {}

    // ---- instances and claims

    void heartbeat(String instance, Instant now) {
        if (jdbc.sql("update hub_instance set seen_at = ? where id = ?")
                        .params(timestamp(now), instance)
                        .update()
                == 0) {
            jdbc.sql("insert into hub_instance (id, seen_at) values (?, ?)")
                    .params(instance, timestamp(now))
                    .update();
        }
    }

    long liveInstances(Instant since) {
        return jdbc.sql("select count(*) from hub_instance where seen_at >= ?")
                .param(timestamp(since))
                .query(Long.class)
                .single();
    }

    void leave(String instance) {
        jdbc.sql("update hub_listener set claimed_by = null, claimed_until = null where claimed_by = ?")
                .param(instance)
                .update();
        jdbc.sql("delete from hub_instance where id = ?").param(instance).update();
    }

    long activeListeners() {
        return jdbc.sql("select count(*) from hub_listener where not deleted")
                .query(Long.class)
                .single();
    }

    /** Renews this instance's claims; the listeners it still holds. */
    Set<UUID> renew(String instance, Instant until) {
        jdbc.sql("update hub_listener set claimed_until = ? where claimed_by = ?")
                .params(timestamp(until), instance)
                .update();
        return new HashSet<>(jdbc.sql("select id from hub_listener where claimed_by = ?")
                .param(instance)
                .query(UUID.class)
                .list());
    }

    /** Claims up to {@code count} listeners nobody holds (or whose holder stopped renewing). */
    void claim(String instance, int count, Instant now, Instant until) {
        jdbc.sql("update hub_listener set claimed_by = ?, claimed_until = ?"
                        + " where not deleted and (claimed_by is null or claimed_until < ?)"
                        + " and id in (select id from hub_listener where not deleted"
                        + " and (claimed_by is null or claimed_until < ?) order by created_at, id limit ?)")
                .params(instance, timestamp(until), timestamp(now), timestamp(now), count)
                .update();
    }

    void release(String instance, UUID listener) {
        jdbc.sql("update hub_listener set claimed_by = null, claimed_until = null where id = ? and claimed_by = ?")
                .params(listener, instance)
                .update();
    }

    /** What is left behind: deleted listeners nobody holds, instances long gone, events every listener has passed. */
    void clean(Instant now, Instant instancesSince) {
        jdbc.sql("delete from hub_listener where deleted and (claimed_by is null or claimed_until < ?)")
                .param(timestamp(now))
                .update();
        jdbc.sql("delete from hub_instance where seen_at < ?")
                .param(timestamp(instancesSince))
                .update();
        // in chunks, each its own short statement; a busy hub appends ~15,000 events in the 30 s between two cleans
        for (int chunk = 0; chunk < 50; chunk++) {
            int deleted = jdbc.sql("delete from hub_event where seq in (select e.seq from hub_event e where e.seq <="
                            + " coalesce((select min(l.position) from hub_listener l where l.org = e.org), e.seq)"
                            + " and not exists (select 1 from hub_parked p where p.seq = e.seq) order by e.seq"
                            + " limit 10000)")
                    .update();
            if (deleted < 10_000) {
                break;
            }
        }
    }

    // ---- deliveries

    long latestSeq() {
        return jdbc.sql("select coalesce(max(seq), 0) from hub_event")
                .query(Long.class)
                .single();
    }

    Optional<Target> target(UUID listener) {
        return jdbc.sql("select id, org, callback, query, secret, position, deleted, claimed_by, hears_after"
                        + " from hub_listener where id = ?")
                .param(listener)
                .query((rs, row) -> new Target(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getLong(6),
                        rs.getBoolean(7),
                        rs.getString(8),
                        rs.getObject(9, Long.class)))
                .optional();
    }

    List<HubEvent> eventsAfter(String org, long position, int limit) {
        return jdbc.sql("select seq, subscription_id, event_id, event_index, type, occurred_at, body from hub_event"
                        + " where org = ? and seq > ? order by seq limit ?")
                .params(org, position, limit)
                .query((rs, row) -> new HubEvent(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getObject(4, Long.class),
                        rs.getString(5),
                        instant(rs.getObject(6, OffsetDateTime.class)),
                        rs.getString(7)))
                .list();
    }

    /** Which of these subscriptions have parked deliveries for the listener: their new events queue behind. */
    Set<String> parked(UUID listener, Set<String> subscriptions) {
        Set<String> parked = new HashSet<>();
        List<String> all = new ArrayList<>(subscriptions);
        for (int from = 0; from < all.size(); from += 100) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + 100));
            List<Object> params = new ArrayList<>();
            params.add(listener);
            params.addAll(chunk);
            parked.addAll(jdbc.sql("select distinct subscription_id from hub_parked where listener_id = ?"
                            + " and subscription_id in ("
                            + chunk.stream().map(s -> "?").collect(Collectors.joining(", "))
                            + ")")
                    .params(params)
                    .query(String.class)
                    .list());
        }
        return parked;
    }

    List<Parked> dueParked(UUID listener, Instant now, int limit) {
        return jdbc.sql("select p.id, p.attempts, p.first_attempt_at, e.seq, e.subscription_id, e.event_id, e.type,"
                        + " e.occurred_at, e.body, e.event_index from hub_parked p join hub_event e on e.seq = p.seq"
                        + " where p.listener_id = ? and p.state = 'READY' and p.next_attempt_at <= ?"
                        + " order by p.next_attempt_at, p.seq limit ?")
                .params(listener, timestamp(now), limit)
                .query((rs, row) -> new Parked(
                        rs.getObject(1, UUID.class),
                        rs.getInt(2),
                        instant(rs.getObject(3, OffsetDateTime.class)),
                        new HubEvent(
                                rs.getLong(4),
                                rs.getString(5),
                                rs.getString(6),
                                rs.getObject(10, Long.class),
                                rs.getString(7),
                                instant(rs.getObject(8, OffsetDateTime.class)),
                                rs.getString(9))))
                .list();
    }

    /** When the listener's next parked delivery falls due; empty when none waits. */
    Optional<Instant> nextParkedDue(UUID listener) {
        List<OffsetDateTime> due = jdbc.sql(
                        "select min(next_attempt_at) from hub_parked where listener_id = ?" + " and state = 'READY'")
                .param(listener)
                .query((rs, row) -> rs.getObject(1, OffsetDateTime.class))
                .list();
        return due.isEmpty() || due.get(0) == null
                ? Optional.empty()
                : Optional.of(due.get(0).toInstant());
    }

    /** Thrown inside a round's transaction when another instance holds the listener now: nothing is recorded. */
    static final class ClaimLost extends RuntimeException {
        ClaimLost() {
            super("The listener's claim was lost", null, false, false);
        }
    }

    /**
     * A round's results, in one transaction: the listener's new position and counters, new parked deliveries,
     * the parked ones that were delivered (their subscription's next one becomes due) or failed again.
     */
    void record(RoundResult round, String instance) {
        transaction.executeWithoutResult(status -> {
            if (jdbc.sql("update hub_listener set position = ?, last_delivered_at = coalesce(?, last_delivered_at),"
                                    + " failures = case when ? then ? else failures + ? end,"
                                    + " last_error = coalesce(?, last_error)"
                                    + " where id = ? and claimed_by = ? and not deleted")
                            .params(
                                    round.position(),
                                    timestamp(round.lastDeliveredAt()),
                                    round.lastDeliveredAt() != null,
                                    round.failedAttempts(),
                                    round.failedAttempts(),
                                    round.lastError(),
                                    round.listener(),
                                    instance)
                            .update()
                    == 0) {
                throw new ClaimLost();
            }
            for (RoundResult.NewParked parked : round.parked()) {
                jdbc.sql("insert into hub_parked (id, listener_id, seq, subscription_id, state, attempts,"
                                + " first_attempt_at, next_attempt_at, last_error, parked_at, last_touched)"
                                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                        .params(
                                UUID.randomUUID(),
                                round.listener(),
                                parked.seq(),
                                parked.subscriptionId(),
                                parked.state(),
                                parked.attempts(),
                                timestamp(parked.firstAttemptAt()),
                                timestamp(parked.nextAttemptAt()),
                                parked.lastError(),
                                timestamp(round.at()),
                                timestamp(round.at()))
                        .update();
            }
            for (RoundResult.Retried retried : round.retried()) {
                if (retried.delivered()) {
                    jdbc.sql("delete from hub_parked where id = ?")
                            .param(retried.id())
                            .update();
                    promote(round.listener(), retried.subscriptionId(), round.at());
                } else {
                    jdbc.sql("update hub_parked set state = ?, attempts = ?, first_attempt_at = ?, next_attempt_at = ?,"
                                    + " last_error = ?, last_touched = ? where id = ?")
                            .params(
                                    retried.state(),
                                    retried.attempts(),
                                    timestamp(retried.firstAttemptAt()),
                                    timestamp(retried.nextAttemptAt()),
                                    retried.lastError(),
                                    timestamp(round.at()),
                                    retried.id())
                            .update();
                }
            }
        });
    }

    /** The subscription's next parked delivery, if any, is due now. */
    void promote(UUID listener, String subscriptionId, Instant now) {
        jdbc.sql("update hub_parked set state = 'READY', next_attempt_at = ?, last_touched = ? where listener_id = ?"
                        + " and subscription_id = ? and state = 'QUEUED' and seq = (select min(seq) from hub_parked"
                        + " where listener_id = ? and subscription_id = ?)")
                .params(timestamp(now), timestamp(now), listener, subscriptionId, listener, subscriptionId)
                .update();
    }

    // ---- dead letters

    /** The given-up deliveries, with the ones queued behind them. */
    List<Letter> letters() {
        return jdbc.sql(
                        "select p.id, p.listener_id, p.subscription_id, p.state, e.event_id, e.type, p.parked_at,"
                                + " p.last_touched, p.attempts, p.last_error from hub_parked p join hub_event e on e.seq = p.seq"
                                + " where exists (select 1 from hub_parked d where d.listener_id = p.listener_id"
                                + " and d.subscription_id = p.subscription_id and d.state = 'DEAD') order by p.parked_at, p.seq")
                .query((rs, row) -> new Letter(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        instant(rs.getObject(7, OffsetDateTime.class)),
                        instant(rs.getObject(8, OffsetDateTime.class)),
                        rs.getInt(9),
                        rs.getString(10)))
                .list();
    }

    /** The given-up delivery that heads the letter's sequence (the letter itself, or the one it waits behind). */
    Optional<Parked> deadHead(UUID letter) {
        return jdbc.sql("select d.id, d.attempts, d.first_attempt_at, e.seq, e.subscription_id, e.event_id, e.type,"
                        + " e.occurred_at, e.body, d.listener_id, e.event_index from hub_parked p join hub_parked d"
                        + " on d.listener_id = p.listener_id and d.subscription_id = p.subscription_id and d.state = 'DEAD'"
                        + " join hub_event e on e.seq = d.seq where p.id = ?")
                .param(letter)
                .query((rs, row) -> new Parked(
                        rs.getObject(1, UUID.class),
                        rs.getInt(2),
                        instant(rs.getObject(3, OffsetDateTime.class)),
                        new HubEvent(
                                rs.getLong(4),
                                rs.getString(5),
                                rs.getString(6),
                                rs.getObject(11, Long.class),
                                rs.getString(7),
                                instant(rs.getObject(8, OffsetDateTime.class)),
                                rs.getString(9))))
                .optional();
    }

    Optional<UUID> listenerOf(UUID parked) {
        return jdbc.sql("select listener_id from hub_parked where id = ?")
                .param(parked)
                .query(UUID.class)
                .optional();
    }

    /** An operator's retry delivered the given-up delivery: it goes, and the next of its subscription is due. */
    void retried(UUID listener, Parked head, Instant now) {
        transaction.executeWithoutResult(status -> {
            jdbc.sql("delete from hub_parked where id = ?").param(head.id()).update();
            promote(listener, head.event().subscriptionId(), now);
            jdbc.sql("update hub_listener set last_delivered_at = ?, failures = 0 where id = ?")
                    .params(timestamp(now), listener)
                    .update();
        });
    }

    void failedAgain(UUID parked, String error, Instant now) {
        jdbc.sql("update hub_parked set attempts = attempts + 1, last_error = ?, last_touched = ? where id = ?")
                .params(error, timestamp(now), parked)
                .update();
    }
}
