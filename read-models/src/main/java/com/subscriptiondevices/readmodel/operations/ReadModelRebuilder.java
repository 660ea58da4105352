package com.subscriptiondevices.readmodel.operations;

import com.subscriptiondevices.api.error.DomainException;
import com.subscriptiondevices.api.error.ErrorCode;
import com.subscriptiondevices.platform.axon.StoredPositions;
import com.subscriptiondevices.platform.data.TransientFailures;
import com.subscriptiondevices.readmodel.ReadModel;
import com.subscriptiondevices.readmodel.ReadModelGuard;
import com.subscriptiondevices.readmodel.ReadModelSchemas;
import com.subscriptiondevices.readmodel.Replay;
import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds a read model as a new version, without downtime. The projection replays the whole event
 * store into a fresh schema ({@code <schema>_next}, made by the read model's own migrations) through a
 * tracking processor of its own, while the live version keeps serving and keeps being written with
 * every command. Once it has caught up, one transaction switches it in: it locks the live tables
 * (writes in every process wait), applies the events committed since, swaps the two schemas by name
 * (waiting writes then write the new version) and drops the old one. No read ever sees a half-built
 * model and no write made meanwhile is lost. On PostgreSQL the switch is atomic; on the embedded H2
 * database (one process, schema changes commit at once) this process's writes wait for it instead.
 */
@Component
@EnableConfigurationProperties(RebuildProperties.class)
public class ReadModelRebuilder {

    private static final Logger log = LoggerFactory.getLogger(ReadModelRebuilder.class);
    private static final Duration STALE = Duration.ofMinutes(2);
    private static final Duration STUCK = Duration.ofSeconds(30);
    private static final int SWITCH_ATTEMPTS = 10;

    private final Map<String, ReadModel> models;
    private final ReadModelSchemas schemas;
    private final ReadModelGuard guard;
    private final EventStore eventStore;
    private final EventStorageEngine storage;
    private final TokenStore tokens;
    private final TransactionManager axonTransactions;
    private final TransactionTemplate transaction;
    private final JdbcClient jdbc;
    private final StoredPositions positions;
    private final int batchSize;
    private final String node = ManagementFactory.getRuntimeMXBean().getName();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "read-model-rebuild");
        thread.setDaemon(true);
        return thread;
    });

    ReadModelRebuilder(
            List<ReadModel> models,
            ReadModelSchemas schemas,
            ReadModelGuard guard,
            EventStore eventStore,
            EventStorageEngine storage,
            TokenStore tokens,
            TransactionManager axonTransactions,
            TransactionTemplate transaction,
            JdbcClient jdbc,
            StoredPositions positions,
            RebuildProperties settings) {
        this.models = models.stream().collect(Collectors.toMap(ReadModel::name, Function.identity()));
        this.schemas = schemas;
        this.guard = guard;
        this.eventStore = eventStore;
        this.storage = storage;
        this.tokens = tokens;
        this.axonTransactions = axonTransactions;
        this.transaction = transaction;
        this.jdbc = jdbc;
        this.positions = positions;
        this.batchSize = settings.batchSize();
    }

    public List<String> readModels() {
        return models.keySet().stream().sorted().toList();
    }

    public ReadModel readModel(String name) {
        ReadModel model = models.get(name);
        if (model == null) {
            throw new DomainException(
                    ErrorCode.PROJECTION_NOT_FOUND, "No read model '" + name + "'; there are " + readModels() + ".");
        }
        return model;
    }

    /** Starts a rebuild in the background; refuses an unknown read model or one being rebuilt already. */
    public void start(String name) {
        ReadModel model = claim(name);
        worker.execute(() -> run(model));
    }

    /** Rebuilds in the calling thread (the operator command line, a start-up); returns the rebuild's figures. */
    public RebuildStatus runNow(String name) {
        ReadModel model = claim(name);
        run(model);
        return rebuild(jdbc, name).orElseThrow();
    }

    private ReadModel claim(String name) {
        ReadModel model = readModel(name);
        Timestamp now = Timestamp.from(Instant.now());
        Timestamp stale = Timestamp.from(Instant.now().minus(STALE));
        boolean claimed = Boolean.TRUE.equals(transaction.execute(status -> {
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
        }));
        if (!claimed) {
            throw new DomainException(ErrorCode.REBUILD_IN_PROGRESS, "A rebuild of '" + name + "' is running already.");
        }
        return model;
    }

    private void run(ReadModel model) {
        String name = model.name();
        String next = model.schema() + "_next";
        String processorName = name + "-rebuild";
        Instant started = Instant.now();
        Progress progress = new Progress(name, started);
        log.info("Rebuild of {} started: replaying the event store (head {}) into {}", name, positions.head(), next);
        try {
            schemas.drop(next);
            schemas.migrate(model, next);
            forgetToken(processorName);
            List<String> indexes = dropSecondaryIndexes(model, next);
            replay(model, next, processorName, progress);
            createIndexes(model, indexes);
            analyze(model, next);
            long position = guard.switching(name, () -> switchIn(model, next, processorName, progress));
            double seconds =
                    Math.max(0.001, Duration.between(started, Instant.now()).toMillis() / 1000.0);
            long events = progress.events.get();
            jdbc.sql("update projection_rebuild set status = 'DONE', finished_at = ?, updated_at = ?, events = ?,"
                            + " position = ?, head = ?, events_per_second = ? where processing_group = ?")
                    .params(
                            Timestamp.from(Instant.now()),
                            Timestamp.from(Instant.now()),
                            events,
                            position,
                            positions.head(),
                            events / seconds,
                            name)
                    .update();
            log.info(
                    "Rebuild of {} done: {} events in {} s ({} events/s), switched in at event {}",
                    name,
                    events,
                    String.format("%.1f", seconds),
                    Math.round(events / seconds),
                    position);
        } catch (RuntimeException failure) {
            log.error("Rebuild of {} failed; the live read model is unchanged", name, failure);
            jdbc.sql("update projection_rebuild set status = 'FAILED', finished_at = ?, updated_at = ?, failure = ?"
                            + " where processing_group = ?")
                    .params(Timestamp.from(Instant.now()), Timestamp.from(Instant.now()), firstLine(failure), name)
                    .update();
            try {
                schemas.drop(next);
                forgetToken(processorName);
            } catch (RuntimeException cleanup) {
                log.warn("Rebuild of {}: could not clean up after the failure: {}", name, firstLine(cleanup));
            }
        }
    }

    /**
     * The replay: a tracking processor of the rebuild's own, from the first event on, one transaction per
     * batch with its token. Done when it has caught up with the head of the event store.
     */
    private void replay(ReadModel model, String schema, String processorName, Progress progress) {
        TrackingEventProcessor processor = TrackingEventProcessor.builder()
                .name(processorName)
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder()
                        .eventHandlers(model.replayProjection(schema))
                        .listenerInvocationErrorHandler(PropagatingErrorHandler.instance())
                        .build())
                .messageSource(new ReadAheadEvents(messageSource(), 2 * batchSize, processorName + "-reader"))
                .tokenStore(tokens)
                .transactionManager(axonTransactions)
                .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andBatchSize(batchSize)
                        .andInitialTrackingToken(StreamableMessageSource::createTailToken))
                .build();
        AtomicLong checkAt = new AtomicLong(1);
        processor.registerHandlerInterceptor((unitOfWork, chain) -> {
            unitOfWork.afterCommit(u -> {
                long events = progress.events.incrementAndGet();
                if (events >= checkAt.get()) {
                    checkAt.set(events + batchSize);
                    try {
                        analyzeGrown(model, schema);
                    } catch (RuntimeException failure) {
                        log.warn("Rebuild of {}: no statistics this time: {}", model.name(), firstLine(failure));
                    }
                }
            });
            return chain.proceed();
        });
        processor.start();
        Instant failingSince = null;
        try {
            while (true) {
                LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
                Optional<EventTrackerStatus> status =
                        processor.processingStatus().values().stream().findFirst();
                long head = positions.head();
                Long position = status.flatMap(
                                s -> s.getCurrentPosition().stream().boxed().findFirst())
                        .orElse(null);
                progress.report(position, head);
                if (status.isPresent() && status.get().isErrorState()) {
                    failingSince = failingSince == null ? Instant.now() : failingSince;
                    if (Duration.between(failingSince, Instant.now()).compareTo(STUCK) > 0) {
                        throw new IllegalStateException("The projection keeps failing: "
                                + firstLine(status.get().getError()));
                    }
                    continue;
                }
                failingSince = null;
                if (status.isPresent()
                        && status.get().isCaughtUp()
                        && position != null
                        && head - position < batchSize) {
                    return;
                }
                if (!processor.isRunning()) {
                    throw new IllegalStateException("The rebuild's processor stopped");
                }
            }
        } finally {
            processor.shutDown();
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private StreamableMessageSource<TrackedEventMessage<?>> messageSource() {
        return (StreamableMessageSource) eventStore;
    }

    /**
     * The switch, in one transaction: lock the live and new tables (on PostgreSQL: writes of every
     * process wait, then resolve the tables' names again and find the new version), apply what was
     * committed since the replay stopped, swap the schemas, drop the old one and the replay's token.
     * A lock that is not granted within a few seconds (a long write, a deadlock with one) gives up and
     * tries again, so writers never wait long.
     */
    private long switchIn(ReadModel model, String next, String processorName, Progress progress) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.execute(status -> {
                    if (guard.postgres()) {
                        jdbc.sql("set local lock_timeout = '2s'").update();
                        List<String> tables = new ArrayList<>();
                        model.tables().forEach(table -> tables.add(model.schema() + "." + table));
                        model.tables().forEach(table -> tables.add(next + "." + table));
                        jdbc.sql("lock table " + String.join(", ", tables) + " in access exclusive mode")
                                .update();
                    }
                    TrackingToken token = tokens.fetchToken(processorName, 0);
                    Replay projection = new Replay(model.projection(next));
                    List<? extends TrackedEventMessage<?>> batch;
                    while (!(batch = nextBatch(token)).isEmpty()) {
                        for (TrackedEventMessage<?> event : batch) {
                            projection.apply(event);
                        }
                        token = batch.get(batch.size() - 1).trackingToken();
                        progress.events.addAndGet(batch.size());
                    }
                    String retired = model.schema() + "_retired";
                    jdbc.sql("alter schema " + model.schema() + " rename to " + retired)
                            .update();
                    jdbc.sql("alter schema " + next + " rename to " + model.schema())
                            .update();
                    jdbc.sql("drop schema " + retired + " cascade").update();
                    tokens.deleteToken(processorName, 0);
                    long position = token == null ? 0 : token.position().orElse(0);
                    recordVersion(model.name(), position);
                    return position;
                });
            } catch (RuntimeException failure) {
                if (attempt == SWITCH_ATTEMPTS || !TransientFailures.isTransient(failure)) {
                    throw failure;
                }
                log.info("Switch of {} waited too long for its locks; trying again", model.name());
                LockSupport.parkNanos(Duration.ofMillis(100L * attempt).toNanos());
            }
        }
    }

    /** An empty live version, made when the event store was empty too: it is version 1. */
    void firstVersion(String name) {
        transaction.executeWithoutResult(status -> {
            if (jdbc.sql("select count(*) from read_model_version where name = ?")
                            .param(name)
                            .query(Long.class)
                            .single()
                    == 0) {
                recordVersion(name, 0);
            }
        });
    }

    /** The live version's number goes up by one (it is 1 for a version built when the service started). */
    private void recordVersion(String name, long position) {
        Timestamp now = Timestamp.from(Instant.now());
        int updated = jdbc.sql("update read_model_version set version = version + 1, switched_at = ?, position = ?"
                        + " where name = ?")
                .params(now, position, name)
                .update();
        if (updated == 0) {
            jdbc.sql("insert into read_model_version (name, version, switched_at, position) values (?, 1, ?, ?)")
                    .params(name, now, position)
                    .update();
        }
    }

    private List<? extends TrackedEventMessage<?>> nextBatch(TrackingToken after) {
        try (Stream<? extends TrackedEventMessage<?>> stream = storage.readEvents(after, false)) {
            return stream.limit(batchSize).toList();
        }
    }

    /** A token a failed or abandoned rebuild left behind: the next one starts from the first event again. */
    private void forgetToken(String processorName) {
        transaction.executeWithoutResult(status -> {
            for (int segment : tokens.fetchSegments(processorName)) {
                tokens.fetchToken(processorName, segment);
                tokens.deleteToken(processorName, segment);
            }
        });
    }

    /**
     * The new version's secondary indexes, dropped before the replay and returned as their definitions: a
     * replay reads and writes rows by primary key only, and an index built once over the finished table
     * costs a fraction of one kept up row by row (on the default benchmark's devices, 7 of them). The
     * switch's catch-up and every read after it find them built again ({@link #createIndexes}).
     */
    private List<String> dropSecondaryIndexes(ReadModel model, String schema) {
        if (!guard.postgres()) {
            return List.of();
        }
        Map<String, String> indexes = new LinkedHashMap<>();
        jdbc.sql("select i.relname, pg_get_indexdef(x.indexrelid) from pg_index x"
                        + " join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid"
                        + " join pg_namespace n on n.oid = t.relnamespace where n.nspname = :schema"
                        + " and t.relname in (:tables) and not x.indisprimary and not x.indisunique"
                        + " order by i.relname")
                .param("schema", schema)
                .param("tables", model.tables())
                .query(rs -> {
                    indexes.put(rs.getString(1), rs.getString(2));
                });
        indexes.keySet()
                .forEach(index -> jdbc.sql("drop index " + schema + "." + index).update());
        return List.copyOf(indexes.values());
    }

    /** Builds the indexes {@link #dropSecondaryIndexes} dropped, over the replayed tables. */
    private void createIndexes(ReadModel model, List<String> definitions) {
        if (definitions.isEmpty()) {
            return;
        }
        Instant started = Instant.now();
        definitions.forEach(definition -> jdbc.sql(definition).update());
        log.info(
                "Rebuild of {}: {} indexes built in {} ms",
                model.name(),
                definitions.size(),
                Duration.between(started, Instant.now()).toMillis());
    }

    /**
     * Planner statistics for the new version's tables, before the switch (autovacuum may be off, or too
     * slow for tables growing this fast): without any, a lookup by MAC address after the switch hashed
     * the whole org instead of using its index.
     */
    private void analyze(ReadModel model, String schema) {
        if (guard.postgres()) {
            model.tables().forEach(table -> jdbc.sql("analyze " + schema + "." + table)
                    .update());
        }
    }

    /**
     * Statistics for each of the new version's tables that has doubled in size since its last ones,
     * checked after each replayed batch. Statistics of an empty table make the cached generic plan of
     * every upsert a sequential scan, and a replay quadratic until the next ones; a table that starts
     * filling late in the replay (devices after every subscription) gets them as soon as it grows.
     */
    private void analyzeGrown(ReadModel model, String schema) {
        if (!guard.postgres()) {
            return;
        }
        List<String> grown = jdbc.sql("select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                        + " where n.nspname = ? and c.relkind = 'r'"
                        + " and pg_relation_size(c.oid) > 2 * current_setting('block_size')::bigint"
                        + " * greatest(c.relpages, 1)")
                .param(schema)
                .query(String.class)
                .list();
        grown.stream().filter(model.tables()::contains).forEach(table -> jdbc.sql("analyze " + schema + "." + table)
                .update());
    }

    static Optional<RebuildStatus> rebuild(JdbcClient jdbc, String name) {
        return jdbc.sql("select status, started_at, finished_at, run_by, events, position, head, events_per_second,"
                        + " failure from projection_rebuild where processing_group = ?")
                .param(name)
                .query((rs, row) -> new RebuildStatus(
                        rs.getString(1),
                        instant(rs.getTimestamp(2)),
                        instant(rs.getTimestamp(3)),
                        rs.getString(4),
                        rs.getLong(5),
                        rs.getObject(6, Long.class),
                        rs.getObject(7, Long.class),
                        rs.getObject(8, Double.class),
                        rs.getString(9)))
                .optional();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static String firstLine(Throwable failure) {
        if (failure == null) {
            return "";
        }
        String message = failure.getMessage() == null ? "" : failure.getMessage();
        return failure.getClass().getSimpleName() + ": "
                + message.lines().findFirst().orElse("").strip();
    }

    /** Progress, written where every instance sees it, and logged every few seconds. */
    private final class Progress {

        private final String name;
        private final Instant started;
        private final AtomicLong events = new AtomicLong();
        private Instant lastLog = Instant.EPOCH;

        Progress(String name, Instant started) {
            this.name = name;
            this.started = started;
        }

        void report(Long position, long head) {
            double seconds =
                    Math.max(0.001, Duration.between(started, Instant.now()).toMillis() / 1000.0);
            double rate = events.get() / seconds;
            jdbc.sql("update projection_rebuild set events = ?, position = ?, head = ?, events_per_second = ?,"
                            + " updated_at = ? where processing_group = ?")
                    .params(events.get(), position, head, rate, Timestamp.from(Instant.now()), name)
                    .update();
            if (Duration.between(lastLog, Instant.now()).toSeconds() >= 5) {
                lastLog = Instant.now();
                long left = position == null ? head : Math.max(0, head - position);
                log.info(
                        "Rebuild of {}: {} events, at {} of {}, {} events/s, about {} s left",
                        name,
                        events.get(),
                        position,
                        head,
                        Math.round(rate),
                        rate > 0 ? Math.round(left / rate) : "?");
            }
        }
    }
}
