package com.subscriptiondevices.command.hub.delivery;

import com.subscriptiondevices.command.hub.NotificationProperties;
import com.subscriptiondevices.command.hub.listener.CallbackPolicy;
import com.subscriptiondevices.command.hub.listener.ListenerQuery;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers to one listener, in rounds, while this instance holds its claim. A round takes the listener's
 * parked deliveries that are due and the hub's events after its position, sends each subscription's events
 * in order (several subscriptions at once), and records the outcome in one transaction: the new position,
 * and the events that failed with those of their subscription behind them (parked). So one subscription's
 * failing event holds back only that subscription's later events, for this listener only.
 */
final class ListenerWorker {

    private static final Logger log = LoggerFactory.getLogger(ListenerWorker.class);

    private final UUID id;
    private final String instance;
    private final DeliveryStore store;
    private final SharedReads reads;
    private final CallbackClient client;
    private final CallbackPolicy policy;
    private final HubMetrics metrics;
    private final NotificationProperties settings;
    private final ExecutorService sends;
    private final Clock clock;
    private final Runnable retire;

    private boolean running;
    private boolean stopped;
    private Runnable onStop;

    /** The hub event up to which this listener has seen the stream (kept in memory between rounds). */
    private volatile long seen = -1;
    /** When its next parked delivery falls due; null: not known (asked at the next round). */
    private volatile Instant nextParkedDue;

    private volatile Instant lastRound = Instant.EPOCH;

    ListenerWorker(
            UUID id,
            String instance,
            DeliveryStore store,
            SharedReads reads,
            CallbackClient client,
            CallbackPolicy policy,
            HubMetrics metrics,
            NotificationProperties settings,
            ExecutorService sends,
            Clock clock,
            Runnable retire) {
        this.id = id;
        this.instance = instance;
        this.store = store;
        this.reads = reads;
        this.client = client;
        this.policy = policy;
        this.metrics = metrics;
        this.settings = settings;
        this.sends = sends;
        this.clock = clock;
        this.retire = retire;
    }

    UUID id() {
        return id;
    }

    /** Whether there may be work: new events in the hub, a parked delivery due, or a while since the last look. */
    boolean due(long latestSeq, Instant now) {
        if (Duration.between(lastRound, now).compareTo(Duration.ofSeconds(5)) > 0) {
            // a look now and then: parked deliveries another instance changed (an operator's retry) are found
            nextParkedDue = null;
            return true;
        }
        Instant parked = nextParkedDue;
        return seen < latestSeq || parked == null || !parked.isAfter(now);
    }

    /** Parked deliveries changed outside the worker (an operator's retry): look at them at the next run. */
    void refresh() {
        nextParkedDue = null;
    }

    /** Claims the worker for a run; false when it runs already or was stopped. */
    synchronized boolean start() {
        if (running || stopped) {
            return false;
        }
        running = true;
        return true;
    }

    synchronized boolean idle() {
        return !running;
    }

    /** Rounds until there is nothing more to do right now. */
    void run(long latestSeq) {
        try {
            boolean more = true;
            while (more && !isStopped()) {
                more = round(latestSeq);
            }
        } catch (DeliveryStore.ClaimLost lost) {
            log.debug("Listener {}: claim lost, its round not recorded", id);
            stop(retire);
        } catch (RuntimeException failure) {
            // the database, most likely: the round is tried again at the next poll, from the stored position
            seen = -1;
            log.warn("Hub deliveries to listener {} paused: {}", id, failure.toString());
        } finally {
            Runnable then;
            synchronized (this) {
                running = false;
                then = stopped ? onStop : null;
                onStop = null;
            }
            if (then != null) {
                then.run();
            }
        }
    }

    /**
     * Stops the worker: no delivery starts after this. {@code then} runs once the round in progress (if any)
     * is over: at once when idle, otherwise on the worker's thread.
     */
    void stop(Runnable then) {
        boolean now;
        synchronized (this) {
            stopped = true;
            now = !running;
            if (!now) {
                onStop = then;
            }
        }
        if (now && then != null) {
            then.run();
        }
    }

    private synchronized boolean isStopped() {
        return stopped;
    }

    /** One round; true when there is more to do at once. */
    private boolean round(long latestSeq) {
        Instant now = clock.instant();
        lastRound = now;
        Optional<DeliveryStore.Target> found = store.target(id);
        if (found.isEmpty()
                || found.get().deleted()
                || !instance.equals(found.get().claimedBy())) {
            stop(retire);
            return false;
        }
        DeliveryStore.Target target = found.get();
        ListenerQuery query = ListenerQuery.parse(target.query());
        int batch = settings.batchSize();
        List<DeliveryStore.Parked> due =
                nextParkedDue != null && nextParkedDue.isAfter(now) ? List.of() : store.dueParked(id, now, batch);
        List<DeliveryStore.HubEvent> fresh = reads.eventsAfter(target.org(), target.position(), batch, latestSeq);
        List<DeliveryStore.HubEvent> wanted = fresh.stream()
                .filter(event -> query.wants(event.type()) && target.hears(event))
                .toList();
        Set<String> parkedSubscriptions = wanted.isEmpty()
                ? Set.of()
                : store.parked(
                        id,
                        wanted.stream()
                                .map(DeliveryStore.HubEvent::subscriptionId)
                                .collect(Collectors.toSet()));

        List<RoundResult.NewParked> parked = new ArrayList<>();
        Map<String, List<DeliveryStore.HubEvent>> flows = new LinkedHashMap<>();
        for (DeliveryStore.HubEvent event : wanted) {
            if (parkedSubscriptions.contains(event.subscriptionId())) {
                parked.add(queued(event, now));
            } else {
                flows.computeIfAbsent(event.subscriptionId(), s -> new ArrayList<>())
                        .add(event);
            }
        }
        String refused = refusal(target.callback());
        URI callback = URI.create(target.callback());
        Semaphore slots = new Semaphore(Math.max(1, settings.concurrencyPerListener()));
        List<CompletableFuture<Void>> running = new ArrayList<>();
        List<RoundResult.Retried> retried = java.util.Collections.synchronizedList(new ArrayList<>());
        List<RoundResult.NewParked> failedFresh = java.util.Collections.synchronizedList(new ArrayList<>());
        Tally tally = new Tally();
        for (DeliveryStore.Parked retry : due) {
            running.add(submit(slots, () -> {
                Optional<CallbackClient.Outcome> outcome =
                        attempt(callback, target.secret(), retry.event(), refused, retry.attempts() + 1, tally);
                if (outcome.isEmpty()) {
                    return;
                }
                retried.add(afterRetry(retry, outcome.get()));
            }));
        }
        for (List<DeliveryStore.HubEvent> flow : flows.values()) {
            running.add(submit(slots, () -> {
                boolean failed = false;
                for (DeliveryStore.HubEvent event : flow) {
                    if (failed || isStopped()) {
                        failedFresh.add(queued(event, clock.instant()));
                        continue;
                    }
                    Optional<CallbackClient.Outcome> outcome =
                            attempt(callback, target.secret(), event, refused, 1, tally);
                    if (outcome.isEmpty()) {
                        failedFresh.add(queued(event, clock.instant()));
                        failed = true;
                    } else if (!outcome.get().delivered()) {
                        Instant at = clock.instant();
                        failedFresh.add(new RoundResult.NewParked(
                                event.seq(),
                                event.subscriptionId(),
                                DeliveryStore.READY,
                                1,
                                at,
                                at.plus(settings.retry().after(1)),
                                outcome.get().describe()));
                        failed = true;
                    }
                }
            }));
        }
        // recorded even when the worker was stopped meanwhile (the service stopping): what was sent stays sent
        CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
        parked.addAll(failedFresh);
        long position = fresh.isEmpty()
                ? target.position()
                : fresh.get(fresh.size() - 1).seq();
        store.record(
                new RoundResult(
                        id,
                        clock.instant(),
                        position,
                        tally.lastDeliveredAt,
                        tally.failures,
                        tally.lastError,
                        parked,
                        retried),
                instance);
        seen = fresh.size() < batch ? Math.max(position, latestSeq) : position;
        if (!parked.isEmpty() || !retried.isEmpty() || nextParkedDue == null) {
            nextParkedDue = store.nextParkedDue(id).orElse(Instant.MAX);
        }
        // a subscription whose parked delivery went through has its next one due at once
        return fresh.size() == batch
                || due.size() == batch
                || retried.stream().anyMatch(RoundResult.Retried::delivered);
    }

    /** Why no delivery to this callback may be made now (its host is no longer allowed); null when it may. */
    private String refusal(String callback) {
        try {
            String host = URI.create(callback).getHost();
            return policy.reachable(host).isEmpty() ? "the callback's host is not allowed" : null;
        } catch (UnknownHostException | IllegalArgumentException refused) {
            return refused.getMessage();
        }
    }

    private CompletableFuture<Void> submit(Semaphore slots, Runnable work) {
        return CompletableFuture.runAsync(
                () -> {
                    slots.acquireUninterruptibly();
                    try {
                        work.run();
                    } finally {
                        slots.release();
                    }
                },
                sends);
    }

    /** Sends one event, signed; empty when the worker was stopped before it could start. */
    private Optional<CallbackClient.Outcome> attempt(
            URI callback, String secret, DeliveryStore.HubEvent event, String refused, int attempt, Tally tally) {
        if (isStopped()) {
            return Optional.empty();
        }
        long started = System.nanoTime();
        CallbackClient.Outcome outcome;
        if (refused != null) {
            outcome = new CallbackClient.Outcome(0, refused);
        } else {
            byte[] body = event.body().getBytes(StandardCharsets.UTF_8);
            long timestamp = clock.instant().getEpochSecond();
            outcome = client.post(
                    callback,
                    Map.of(
                            "webhook-id", event.eventId(),
                            "webhook-timestamp", Long.toString(timestamp),
                            "webhook-signature", Signatures.sign(secret, event.eventId(), timestamp, body)),
                    body);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        Instant at = clock.instant();
        if (outcome.delivered()) {
            metrics.delivered(id, took, Duration.between(event.occurredAt(), at));
            tally.delivered(at);
        } else {
            metrics.failed(id, took);
            tally.failed(outcome.describe());
            log.warn(
                    "Hub delivery to listener {} failed: {} (event {}, attempt {})",
                    id,
                    outcome.describe(),
                    event.eventId(),
                    attempt);
        }
        return Optional.of(outcome);
    }

    private RoundResult.Retried afterRetry(DeliveryStore.Parked retry, CallbackClient.Outcome outcome) {
        if (outcome.delivered()) {
            return new RoundResult.Retried(
                    retry.id(), retry.event().subscriptionId(), true, null, retry.attempts() + 1, null, null, null);
        }
        Instant now = clock.instant();
        Instant first = retry.firstAttemptAt() == null ? now : retry.firstAttemptAt();
        int attempts = retry.attempts() + 1;
        if (Duration.between(first, now).compareTo(settings.retry().giveUpAfter()) >= 0) {
            log.warn(
                    "Hub delivery to listener {} given up after {} attempts since {}: {} (event {}); it waits in the"
                            + " dead letters, and the subscription's later events behind it",
                    id,
                    attempts,
                    first,
                    outcome.describe(),
                    retry.event().eventId());
            return new RoundResult.Retried(
                    retry.id(),
                    retry.event().subscriptionId(),
                    false,
                    DeliveryStore.DEAD,
                    attempts,
                    first,
                    now,
                    outcome.describe());
        }
        return new RoundResult.Retried(
                retry.id(),
                retry.event().subscriptionId(),
                false,
                DeliveryStore.READY,
                attempts,
                first,
                now.plus(settings.retry().after(attempts)),
                outcome.describe());
    }

    private static RoundResult.NewParked queued(DeliveryStore.HubEvent event, Instant now) {
        return new RoundResult.NewParked(event.seq(), event.subscriptionId(), DeliveryStore.QUEUED, 0, null, now, null);
    }

    /** The round's counts, from several sending threads. */
    private static final class Tally {
        Instant lastDeliveredAt;
        int failures;
        String lastError;

        synchronized void delivered(Instant at) {
            if (lastDeliveredAt == null || at.isAfter(lastDeliveredAt)) {
                // to the millisecond, as every other instant the API shows
                lastDeliveredAt = at.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            }
        }

        synchronized void failed(String error) {
            failures++;
            lastError = error;
        }
    }
}
