package com.subscriptiondevices.readmodel;

import com.subscriptiondevices.platform.data.WritePipeline;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A read-model store's writes. A live store sends each with the rest of the command's write, in its
 * transaction ({@link WritePipeline}: one round trip for the event's append, its claims and every read
 * model's rows), or at once where there is no such write. A replay's store holds them back and sends
 * them as one JDBC batch per statement: before the transaction commits, and whenever the projection
 * reads (the store calls {@link #flush()} first). A replay writes a thousand events in a transaction; one
 * round trip per statement instead of one per event is most of what a rebuild costs.
 *
 * <p>The batches are sent in the order the statements are declared, not in the order the writes were
 * made: declare them so that no write of a statement depends on a later statement's writes to the same
 * rows (a subscription's row before its devices', a device's row before its changes). Without an
 * active transaction a write is made at once.
 */
public final class BatchedWrites {

    private final JdbcClient jdbc;
    private final JdbcOperations batches;
    private final WritePipeline pipeline;
    private final List<String> statements;

    /**
     * With {@code batches}, a replay's writes, held back until a read or the commit; else, with
     * {@code pipeline}, a live store's, sent with the rest of the write; without either, made at once.
     */
    public BatchedWrites(JdbcClient jdbc, JdbcOperations batches, WritePipeline pipeline, String... statements) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.pipeline = pipeline;
        this.statements = List.of(statements);
    }

    /** Makes the write, or holds it back until the transaction commits or the projection reads. */
    public void write(String statement, Object... params) {
        hold(statement, null, params);
    }

    /**
     * As {@link #write}, for a statement that sets all that its earlier writes to the same {@code row} set:
     * held back, it takes the place of the write of that statement to that row still held back, if any, so
     * the row is written once. A device changed a thousand times within a replay's batch (a hot aggregate's
     * history) is one update, not a thousand versions of one row in one transaction, each found by walking
     * past the ones before it.
     */
    public void overwrite(String statement, Object row, Object... params) {
        hold(statement, row, params);
    }

    /** Makes the write at once, or holds it back, in the place of {@code row}'s earlier one when a row is given. */
    private void hold(String statement, Object row, Object[] params) {
        if (batches == null && pipeline != null) {
            pipeline.send(statement, params);
            return;
        }
        if (batches == null || !TransactionSynchronizationManager.isSynchronizationActive()) {
            jdbc.sql(statement).params(params).update();
            return;
        }
        if (!statements.contains(statement)) {
            throw new IllegalArgumentException("Not a declared statement: " + statement);
        }
        Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            pending = new Pending();
            TransactionSynchronizationManager.bindResource(this, pending);
            TransactionSynchronizationManager.registerSynchronization(pending);
        }
        List<Object[]> held = pending.rows.get(statement);
        Integer earlier = row == null ? null : pending.positions.get(statement).putIfAbsent(row, held.size());
        if (earlier == null) {
            held.add(params);
        } else {
            held.set(earlier, params);
        }
    }

    /** Sends what the current transaction holds back. */
    public void flush() {
        if (batches == null && pipeline != null) {
            pipeline.flush();
        } else if (batches != null
                && TransactionSynchronizationManager.isSynchronizationActive()
                && TransactionSynchronizationManager.getResource(this) instanceof Pending pending) {
            pending.send();
        }
    }

    /** The writes one transaction holds back, by statement, in the declared order. */
    private final class Pending implements TransactionSynchronization {

        private final Map<String, List<Object[]>> rows = new LinkedHashMap<>();
        /** For {@link #overwrite}: where each row's write is in its statement's batch. */
        private final Map<String, Map<Object, Integer>> positions = new HashMap<>();

        Pending() {
            statements.forEach(statement -> {
                rows.put(statement, new ArrayList<>());
                positions.put(statement, new HashMap<>());
            });
        }

        void send() {
            rows.forEach((statement, params) -> {
                if (!params.isEmpty()) {
                    batches.batchUpdate(statement, params);
                    params.clear();
                    positions.get(statement).clear();
                }
            });
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            send();
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(BatchedWrites.this);
        }
    }
}
