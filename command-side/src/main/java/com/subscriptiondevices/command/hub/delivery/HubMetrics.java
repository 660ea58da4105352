package com.subscriptiondevices.command.hub.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The hub's meters, per listener (tag {@code listener}): {@code hub.deliveries} by {@code outcome}
 * (delivered, failed), {@code hub.delivery.latency} from the event's commit to the listener's 2xx,
 * {@code hub.delivery.duration} of each attempt, and the {@code hub.pending} gauge. In Prometheus:
 * {@code hub_deliveries_total}, {@code hub_delivery_latency_seconds}, {@code hub_delivery_duration_seconds},
 * {@code hub_pending}. A listener's meters go with it. And for the instance, {@code hub.stream.reads} by
 * {@code source}: the listeners' reads of the hub's stream, from the database or shared with another
 * listener's read ({@link SharedReads}); {@code hub_stream_reads_total} in Prometheus.
 */
final class HubMetrics {

    private final MeterRegistry registry;
    private final Map<UUID, Meters> meters = new ConcurrentHashMap<>();

    private final Counter readFromDatabase;
    private final Counter readShared;

    HubMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.readFromDatabase = streamReads(registry, "database");
        this.readShared = streamReads(registry, "shared");
    }

    private static Counter streamReads(MeterRegistry registry, String source) {
        return Counter.builder("hub.stream.reads")
                .description("Listeners' reads of the hub's stream: from the database, or shared with another's read")
                .tags("source", source)
                .register(registry);
    }

    void streamRead(boolean shared) {
        (shared ? readShared : readFromDatabase).increment();
    }

    private final class Meters {
        final Counter delivered;
        final Counter failed;
        final Timer latency;
        final Timer duration;
        final AtomicLong pending = new AtomicLong();
        final List<Meter> all;

        Meters(UUID listener) {
            String id = listener.toString();
            delivered = Counter.builder("hub.deliveries")
                    .description("Delivery attempts to a listener, by outcome")
                    .tags("listener", id, "outcome", "delivered")
                    .register(registry);
            failed = Counter.builder("hub.deliveries")
                    .description("Delivery attempts to a listener, by outcome")
                    .tags("listener", id, "outcome", "failed")
                    .register(registry);
            latency = Timer.builder("hub.delivery.latency")
                    .description("From an event's commit to the listener's 2xx")
                    .tags("listener", id)
                    .publishPercentileHistogram()
                    .register(registry);
            duration = Timer.builder("hub.delivery.duration")
                    .description("One delivery attempt, connect to answer")
                    .tags("listener", id)
                    .register(registry);
            Gauge gauge = Gauge.builder("hub.pending", pending, AtomicLong::get)
                    .description("Events waiting to be delivered to a listener (those given up not counted)")
                    .tags("listener", id)
                    .register(registry);
            all = List.of(delivered, failed, latency, duration, gauge);
        }
    }

    private Meters of(UUID listener) {
        return meters.computeIfAbsent(listener, Meters::new);
    }

    void delivered(UUID listener, Duration took, Duration sinceCommit) {
        Meters m = of(listener);
        m.delivered.increment();
        m.duration.record(took);
        m.latency.record(sinceCommit.isNegative() ? Duration.ZERO : sinceCommit);
    }

    void failed(UUID listener, Duration took) {
        Meters m = of(listener);
        m.failed.increment();
        m.duration.record(took);
    }

    void pending(UUID listener, long pending) {
        of(listener).pending.set(pending);
    }

    /** The listener is no longer this instance's (deleted, or handed to another instance). */
    void remove(UUID listener) {
        Meters removed = meters.remove(listener);
        if (removed != null) {
            removed.all.forEach(registry::remove);
        }
    }
}
