package com.subscriptiondevices.query.operations;

import com.subscriptiondevices.api.error.DomainException;
import com.subscriptiondevices.api.error.ErrorCode;
import com.subscriptiondevices.platform.axon.StoredPositions;
import com.subscriptiondevices.query.ReadModelTables;
import com.subscriptiondevices.query.RebuildableReadModel;
import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds a read model without downtime. The projection replays the whole event store into the
 * shadow tables while reads keep using the live ones. Then, in one transaction, it takes the live
 * processor's token claim (from every instance), catches up the last events, swaps the table names
 * and hands the live processor the rebuilt position (its dead letters, handled again, are gone). No
 * read ever sees a half-built model; on
 * PostgreSQL the switch is atomic, on the embedded H2 (one instance, DDL commits at once) nearly so.
 */
@Component
public class ProjectionRebuilder {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilder.class);
    private static final Duration STALE = Duration.ofMinutes(2);

    private final Map<String, RebuildableReadModel> readModels;
    private final EventStorageEngine events;
    private final Serializer serializer;
    private final JdbcClient jdbc;
    private final StoredPositions positions;
    private final TransactionTemplate transaction;
    private final EventProcessingConfiguration processing;
    private final int batchSize;
    private final boolean postgres;
    private final String node = ManagementFactory.getRuntimeMXBean().getName();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "projection-rebuild");
        thread.setDaemon(true);
        return thread;
    });

    ProjectionRebuilder(
            List<RebuildableReadModel> readModels,
            EventStorageEngine events,
            Serializer serializer,
            JdbcClient jdbc,
            StoredPositions positions,
            TransactionTemplate transaction,
            EventProcessingConfiguration processing,
            @Value("${devices.rebuild.batch-size:1000}") int batchSize) {
        this.readModels = readModels.stream()
                .collect(Collectors.toMap(RebuildableReadModel::processingGroup, Function.identity()));
        this.events = events;
        this.serializer = serializer;
        this.jdbc = jdbc;
        this.positions = positions;
        this.transaction = transaction;
        this.processing = processing;
        this.batchSize = batchSize;
        this.postgres = jdbc.sql("select 1")
                .query((rs, row) ->
                        rs.getStatement().getConnection().getMetaData().getDatabaseProductName())
                .single()
                .equals("PostgreSQL");
    }

    public List<String> readModels() {
        return readModels.keySet().stream().sorted().toList();
    }

    /** Starts a rebuild in the background; refuses an unknown read model or one being rebuilt already. */
    public void start(String name) {
        RebuildableReadModel model = claim(name);
        worker.execute(() -> run(model));
    }

    /** Rebuilds in the calling thread (the operator command line); returns the rebuild's figures. */
    public RebuildStatus runNow(String name) {
        RebuildableReadModel model = claim(name);
        run(model);
        return ProjectionStatusReader.rebuild(jdbc, name).orElseThrow();
    }

    private RebuildableReadModel claim(String name) {
        RebuildableReadModel model = readModels.get(name);
        if (model == null) {
            throw new DomainException(
                    ErrorCode.PROJECTION_NOT_FOUND, "No read model '" + name + "'; there are " + readModels() + ".");
        }
        Timestamp now = Timestamp.from(Instant.now());
        Timestamp stale = Timestamp.from(Instant.now().minus(STALE));
        boolean claimed = transaction.execute(status -> {
            int updated = jdbc.sql("update projection_rebuild set status = 'RUNNING', started_at = ?, updated_at = ?,"
                            + " finished_at = null, run_by = ?, events = 0, position = null, head = null,"
                            + " events_per_second = null, failure = null"
                            + " where processing_group = ? and (status <> 'RUNNING' or updated_at < ?)")
                    .params(now, now, node, name, stale)
                    .update();
            if (updated == 1) {
                return true;
            }
            return jdbc.sql("insert into projection_rebuild (processing_group, status, started_at, updated_at, run_by,"
                                    + " events) values (?, 'RUNNING', ?, ?, ?, 0) on conflict do nothing")
                            .params(name, now, now, node)
                            .update()
                    == 1;
        });
        if (!claimed) {
            throw new DomainException(ErrorCode.REBUILD_IN_PROGRESS, "A rebuild of '" + name + "' is running already.");
        }
        return model;
    }

    private void run(RebuildableReadModel model) {
        String name = model.processingGroup();
        Instant started = Instant.now();
        long head = positions.head();
        log.info("Rebuild of {} started: replaying up to event {} into shadow tables", name, head);
        try {
            transaction.executeWithoutResult(status -> model.tables()
                    .forEach(table -> jdbc.sql("delete from " + ReadModelTables.SHADOW.of(table))
                            .update()));
            AnnotationEventHandlerAdapter projection =
                    new AnnotationEventHandlerAdapter(model.projection(ReadModelTables.SHADOW));
            Progress progress = new Progress(name, started);
            TrackingToken token = null;
            List<TrackedEventMessage<?>> batch;
            long analyzeAt = 1;
            while (!(batch = nextBatch(token)).isEmpty()) {
                List<TrackedEventMessage<?>> events = batch;
                transaction.executeWithoutResult(status -> events.forEach(event -> handle(projection, event)));
                token = batch.get(batch.size() - 1).trackingToken();
                progress.advanced(batch.size(), token, positions.head());
                if (progress.events >= analyzeAt) {
                    analyzeShadowTables(model);
                    analyzeAt = 2 * progress.events;
                }
            }
            analyzeShadowTables(model);
            TrackingToken rebuilt = switchIn(model, projection, token, progress);
            long total = progress.events;
            double seconds =
                    Math.max(0.001, Duration.between(started, Instant.now()).toMillis() / 1000.0);
            jdbc.sql("update projection_rebuild set status = 'DONE', finished_at = ?, updated_at = ?, events = ?,"
                            + " position = ?, head = ?, events_per_second = ? where processing_group = ?")
                    .params(
                            Timestamp.from(Instant.now()),
                            Timestamp.from(Instant.now()),
                            total,
                            position(rebuilt),
                            positions.head(),
                            total / seconds,
                            name)
                    .update();
            log.info(
                    "Rebuild of {} done: {} events in {} s ({} events/s), switched in at event {}",
                    name,
                    total,
                    String.format("%.1f", seconds),
                    Math.round(total / seconds),
                    position(rebuilt));
            transaction.executeWithoutResult(status -> model.tables()
                    .forEach(table -> jdbc.sql("delete from " + ReadModelTables.SHADOW.of(table))
                            .update()));
        } catch (RuntimeException failure) {
            log.error("Rebuild of {} failed; the live read model is unchanged", name, failure);
            jdbc.sql("update projection_rebuild set status = 'FAILED', finished_at = ?, updated_at = ?, failure = ?"
                            + " where processing_group = ?")
                    .params(Timestamp.from(Instant.now()), Timestamp.from(Instant.now()), String.valueOf(failure), name)
                    .update();
        }
    }

    /**
     * Planner statistics for the shadow tables, collected outside the batches' transactions (autovacuum
     * may be off, or too slow for a table growing this fast). While they fill: statistics taken when
     * they were empty (by autovacuum after the last rebuild emptied them, or an operator's ANALYZE) make
     * the cached generic plan of every upsert a sequential scan, and a rebuild quadratic (it fell to 400
     * events/s a third of the way through 240,000 events); each ANALYZE invalidates those plans, so the
     * loop takes statistics whenever the replayed events have doubled. Before the switch: without them
     * a lookup by MAC address hashed the whole org instead of using its index (about 100 against 1,000
     * to 2,000 requests/s).
     */
    private void analyzeShadowTables(RebuildableReadModel model) {
        if (postgres) {
            model.tables().forEach(table -> jdbc.sql("analyze " + ReadModelTables.SHADOW.of(table))
                    .update());
        }
    }

    /**
     * The switch. The live processor stops here and loses its claim everywhere else (its next token
     * update fails and it releases the segment); the last events go into the shadow tables; the table
     * sets swap names; the live processor continues from the rebuilt position.
     */
    private TrackingToken switchIn(
            RebuildableReadModel model,
            AnnotationEventHandlerAdapter projection,
            TrackingToken token,
            Progress progress) {
        String name = model.processingGroup();
        var local = processing.eventProcessor(name, StreamingEventProcessor.class);
        local.ifPresent(StreamingEventProcessor::shutDown);
        try {
            return transaction.execute(status -> {
                List<Integer> segments = jdbc.sql("select segment from tokenentry where processorname = ? for update")
                        .param(name)
                        .query(Integer.class)
                        .list();
                jdbc.sql("update tokenentry set owner = ?, timestamp = ? where processorname = ?")
                        .params("rebuild@" + node, Instant.now().toString(), name)
                        .update();
                TrackingToken last = token;
                List<TrackedEventMessage<?>> batch;
                while (!(batch = nextBatch(last)).isEmpty()) {
                    batch.forEach(event -> handle(projection, event));
                    last = batch.get(batch.size() - 1).trackingToken();
                    progress.advanced(batch.size(), last, positions.head());
                }
                lockAll(model);
                for (String table : model.tables()) {
                    String shadow = ReadModelTables.SHADOW.of(table);
                    jdbc.sql("alter table " + table + " rename to " + table + "_switching")
                            .update();
                    jdbc.sql("alter table " + shadow + " rename to " + table).update();
                    jdbc.sql("alter table " + table + "_switching rename to " + shadow)
                            .update();
                }
                storeToken(name, segments, last);
                // every event was handled again, without failure: nothing waits for a retry any more
                jdbc.sql("delete from deadletterentry where processinggroup = ?")
                        .param(name)
                        .update();
                return last;
            });
        } finally {
            local.ifPresent(StreamingEventProcessor::start);
        }
    }

    /**
     * On PostgreSQL, every table of both sets in one statement, before any rename: taking them one
     * rename at a time could deadlock with a read that joins two of them.
     */
    private void lockAll(RebuildableReadModel model) {
        if (!postgres) {
            return;
        }
        List<String> tables = new ArrayList<>(model.tables());
        model.tables().forEach(table -> tables.add(ReadModelTables.SHADOW.of(table)));
        jdbc.sql("lock table " + String.join(", ", tables) + " in access exclusive mode")
                .update();
    }

    private void storeToken(String name, List<Integer> segments, TrackingToken token) {
        byte[] data = null;
        String type = null;
        if (token != null) {
            SerializedObject<byte[]> serialized = serializer.serialize(token, byte[].class);
            data = serialized.getData();
            type = serialized.getType().getName();
        }
        String now = Instant.now().toString();
        if (segments.isEmpty()) {
            jdbc.sql("insert into tokenentry (processorname, segment, token, tokentype, timestamp, owner)"
                            + " values (?, 0, ?, ?, ?, null)")
                    .params(name, data, type, now)
                    .update();
        } else {
            jdbc.sql(
                            "update tokenentry set token = ?, tokentype = ?, timestamp = ?, owner = null where processorname = ?")
                    .params(data, type, now, name)
                    .update();
        }
    }

    private List<TrackedEventMessage<?>> nextBatch(TrackingToken after) {
        try (Stream<? extends TrackedEventMessage<?>> stream = events.readEvents(after, false)) {
            return new ArrayList<>(stream.limit(batchSize).toList());
        }
    }

    private static void handle(AnnotationEventHandlerAdapter projection, TrackedEventMessage<?> event) {
        try {
            if (projection.canHandle(event)) {
                projection.handle(event);
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("The projection failed on event " + event.getIdentifier(), e);
        }
    }

    static Long position(TrackingToken token) {
        return token == null
                ? null
                : token.position().stream().boxed().findFirst().orElse(null);
    }

    /** Progress, written where every instance sees it, and logged every few seconds. */
    private final class Progress {

        private final String name;
        private final Instant started;
        private long events;
        private Instant lastLog = Instant.EPOCH;

        Progress(String name, Instant started) {
            this.name = name;
            this.started = started;
        }

        void advanced(int count, TrackingToken token, long head) {
            events += count;
            double seconds =
                    Math.max(0.001, Duration.between(started, Instant.now()).toMillis() / 1000.0);
            double rate = events / seconds;
            Long position = position(token);
            jdbc.sql("update projection_rebuild set events = ?, position = ?, head = ?, events_per_second = ?,"
                            + " updated_at = ? where processing_group = ?")
                    .params(events, position, head, rate, Timestamp.from(Instant.now()), name)
                    .update();
            if (Duration.between(lastLog, Instant.now()).toSeconds() >= 5) {
                lastLog = Instant.now();
                long left = position == null ? head : Math.max(0, head - position);
                log.info(
                        "Rebuild of {}: {} events, at {} of {}, {} events/s, about {} s left",
                        name,
                        events,
                        position,
                        head,
                        Math.round(rate),
                        rate > 0 ? Math.round(left / rate) : "?");
            }
        }
    }
}
