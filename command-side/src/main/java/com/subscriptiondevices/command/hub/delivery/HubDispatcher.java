package com.subscriptiondevices.command.hub.delivery;

import com.subscriptiondevices.command.hub.BackgroundThreads;
import com.subscriptiondevices.command.hub.NotificationProperties;
import com.subscriptiondevices.command.hub.listener.CallbackPolicy;
import com.subscriptiondevices.command.hub.listener.ListenerStore;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Shares the listeners out among the instances that deliver, and runs this instance's share. Each
 * instance says it is alive ({@code hub_instance}) and claims listeners up to its fair share (listeners
 * divided by live instances), renewing its claims; an instance that stops renewing loses them after
 * {@code claim-timeout} to the others. One instance delivers to a listener at a time, so an event is sent
 * once in the normal case. Each listener has its own worker ({@link ListenerWorker}) on its own thread:
 * a slow or failing listener never holds up another. A worker runs when the hub's stream has events it
 * has not seen (this process's fan-out says so the moment it commits; other instances' appends are found
 * at the next poll), when a parked delivery falls due, or every few seconds anyway.
 */
public final class HubDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(HubDispatcher.class);

    private final String instance = ManagementFactory.getRuntimeMXBean().getName() + "/"
            + UUID.randomUUID().toString().substring(0, 8);
    private final DeliveryStore store;
    private final ListenerStore listeners;
    private final CallbackClient client;
    private final CallbackPolicy policy;
    private final HubMetrics metrics;
    private final NotificationProperties settings;
    private final Clock clock;
    private final SharedReads reads;
    private final Map<UUID, ListenerWorker> owned = new ConcurrentHashMap<>();
    private final ScheduledExecutorService ticker =
            Executors.newSingleThreadScheduledExecutor(BackgroundThreads.named("hub-dispatcher"));
    private final ExecutorService workers = Executors.newCachedThreadPool(BackgroundThreads.named("hub-listener"));
    private final ExecutorService sends = Executors.newCachedThreadPool(BackgroundThreads.named("hub-send"));

    private volatile boolean running;
    private volatile long latestSeq;
    private volatile Instant lastShare = Instant.EPOCH;
    private Instant lastClean = Instant.EPOCH;
    private Instant lastGauges = Instant.EPOCH;

    HubDispatcher(
            DeliveryStore store,
            ListenerStore listeners,
            CallbackClient client,
            CallbackPolicy policy,
            HubMetrics metrics,
            NotificationProperties settings,
            Clock clock) {
        this.store = store;
        this.listeners = listeners;
        this.client = client;
        this.policy = policy;
        this.metrics = metrics;
        this.settings = settings;
        this.clock = clock;
        this.reads = new SharedReads(store::eventsAfter, metrics::streamRead);
    }

    /** New events are in the hub's stream (this process appended them): run the workers now. */
    public void wake() {
        if (!running) {
            return;
        }
        try {
            ticker.execute(() -> {
                try {
                    Instant now = clock.instant();
                    if (Duration.between(lastShare, now).compareTo(shareInterval()) >= 0) {
                        share(now);
                        lastShare = now;
                    }
                    latestSeq = store.latestSeq();
                    dispatch();
                } catch (RuntimeException failure) {
                    log.debug("Hub dispatch failed; the next poll tries again", failure);
                }
            });
        } catch (RejectedExecutionException stopping) {
            // the service is stopping
        }
    }

    /** A parked delivery of the listener became due outside its worker (an operator's retry). */
    public void refresh(UUID listener) {
        ListenerWorker worker = owned.get(listener);
        if (worker != null) {
            worker.refresh();
        }
        wake();
    }

    /**
     * Waits until no delivery to the deleted listener can start any more: this instance stops its worker
     * (the round in progress ends first), another instance lets go at its next look (at most a claim
     * timeout, should it have died).
     */
    public void awaitRelease(UUID listener) {
        ListenerWorker worker = owned.get(listener);
        if (worker != null) {
            java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
            worker.stop(stopped::countDown);
            try {
                stopped.await(settings.claimTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            letGo(listener);
            return;
        }
        long deadline =
                System.nanoTime() + settings.claimTimeout().plusSeconds(1).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Map.Entry<String, Instant>> claim = listeners.claim(listener);
            if (claim.isEmpty() || claim.get().getValue().isBefore(clock.instant())) {
                return;
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }

    private void tick() {
        if (!running) {
            return;
        }
        try {
            Instant now = clock.instant();
            if (Duration.between(lastShare, now).compareTo(shareInterval()) >= 0) {
                share(now);
                lastShare = now;
            }
            latestSeq = store.latestSeq();
            dispatch();
            if (Duration.between(lastGauges, now).compareTo(Duration.ofSeconds(5)) >= 0) {
                gauges();
                lastGauges = now;
            }
            if (Duration.between(lastClean, now).compareTo(Duration.ofSeconds(30)) >= 0) {
                store.clean(now, now.minus(settings.claimTimeout().multipliedBy(6)));
                lastClean = now;
            }
        } catch (RuntimeException failure) {
            // the database, most likely: the next poll tries again
            log.debug("Hub poll failed; the next one tries again", failure);
        }
    }

    /** Claims are renewed, and new listeners shared out, this often: a new listener waits at most this long. */
    private Duration shareInterval() {
        Duration fifth = settings.claimTimeout().dividedBy(5);
        return fifth.compareTo(Duration.ofMillis(500)) < 0 ? fifth : Duration.ofMillis(500);
    }

    /** A listener was registered through this instance: share it out now rather than at the next look. */
    public void registered() {
        lastShare = Instant.EPOCH;
        wake();
    }

    /** Renews this instance's claims, and claims or hands back listeners towards a fair share. */
    private void share(Instant now) {
        store.heartbeat(instance, now);
        Set<UUID> held = store.renew(instance, now.plus(settings.claimTimeout()));
        for (ListenerWorker worker : List.copyOf(owned.values())) {
            if (!held.contains(worker.id())) {
                worker.stop(() -> forget(worker.id()));
            }
        }
        long live = Math.max(1, store.liveInstances(now.minus(settings.claimTimeout())));
        long active = store.activeListeners();
        int fair = (int) ((active + live - 1) / live);
        if (held.size() < fair) {
            store.claim(instance, fair - held.size(), now, now.plus(settings.claimTimeout()));
            held = store.renew(instance, now.plus(settings.claimTimeout()));
        } else if (held.size() > fair) {
            int extra = held.size() - fair;
            for (ListenerWorker worker : List.copyOf(owned.values())) {
                if (extra > 0 && worker.idle()) {
                    extra--;
                    held.remove(worker.id());
                    worker.stop(() -> letGo(worker.id()));
                }
            }
        }
        for (UUID id : held) {
            owned.computeIfAbsent(id, this::worker);
        }
    }

    private ListenerWorker worker(UUID id) {
        return new ListenerWorker(
                id, instance, store, reads, client, policy, metrics, settings, sends, clock, () -> letGo(id));
    }

    private void dispatch() {
        Instant now = clock.instant();
        long latest = latestSeq;
        for (ListenerWorker worker : owned.values()) {
            if (worker.due(latest, now) && worker.start()) {
                try {
                    workers.execute(() -> worker.run(latest));
                } catch (RejectedExecutionException stopping) {
                    return;
                }
            }
        }
    }

    private void gauges() {
        for (ListenerWorker worker : owned.values()) {
            store.target(worker.id())
                    .flatMap(target -> listeners.find(target.org(), target.id()))
                    .ifPresent(listener -> metrics.pending(listener.id(), listener.pending()));
        }
    }

    /** Hands the listener back (to another instance, or because it was deleted). */
    private void letGo(UUID listener) {
        forget(listener);
        try {
            store.release(instance, listener);
        } catch (RuntimeException failure) {
            // the claim then runs out by itself
            log.debug("Could not release listener {}", listener, failure);
        }
    }

    private void forget(UUID listener) {
        owned.remove(listener);
        metrics.remove(listener);
    }

    @Override
    public void start() {
        if (!settings.deliver()) {
            log.info("This instance does not deliver the hub's events (devices.notifications.deliver=false)");
            return;
        }
        running = true;
        ticker.execute(HubDispatcher::sayPriority);
        ticker.scheduleWithFixedDelay(this::tick, 0, settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        running = false;
        ticker.shutdownNow();
        List<ListenerWorker> stopping = new ArrayList<>(owned.values());
        stopping.forEach(worker -> worker.stop(null));
        workers.shutdown();
        try {
            workers.awaitTermination(
                    settings.connectTimeout().plus(settings.answerTimeout()).toMillis() + 2000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        sends.shutdownNow();
        try {
            store.leave(instance);
        } catch (RuntimeException failure) {
            // the claims run out by themselves
            log.debug("Could not hand the hub's listeners back", failure);
        }
        owned.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the data source and the processors, starts after them. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }

    /** Says once whether the deliveries really run behind the requests (see {@link BackgroundThreads}). */
    private static void sayPriority() {
        OptionalInt policy = BackgroundThreads.policy();
        OptionalInt nice = BackgroundThreads.nice();
        if (policy.isEmpty() || nice.isEmpty()) {
            return;
        }
        if (policy.getAsInt() == BackgroundThreads.SCHED_IDLE) {
            log.info("Hub deliveries run in Linux's idle scheduling class: behind the requests and the database"
                    + " when the cores are busy");
        } else if (nice.getAsInt() > 0) {
            log.info("Hub deliveries run at nice {}: behind the requests when the cores are busy", nice.getAsInt());
        } else {
            log.info(
                    "Hub deliveries run at the requests' priority (nice {}); the JVM options"
                            + " -XX:ThreadPriorityPolicy=1 -XX:JavaPriority1_To_OSPriority=19 put them behind the"
                            + " requests (README, \"Change notifications\")",
                    nice.getAsInt());
        }
    }
}
