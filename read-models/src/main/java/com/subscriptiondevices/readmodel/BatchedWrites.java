package com.subscriptiondevices.readmodel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A replay's writes to a read model, held back and sent as one JDBC batch per statement: before the
 * transaction commits, and whenever the projection reads (call {@link #flush()} first). A replay
 * writes a thousand events in a transaction; one round trip per statement kind instead of one per
 * event is most of what a rebuild costs.
 *
 * <p>The batches are sent in the order the statements are declared, not in the order the writes were
 * made: declare them so that no write of a statement depends on a later statement's writes to the same
 * rows (a subscription's row before its devices', a device's row before its changes). Without an
 * active transaction a write is made at once.
 */
public final class BatchedWrites {

    private final JdbcOperations jdbc;
    private final List<String> statements;

    public BatchedWrites(JdbcOperations jdbc, String... statements) {
        this.jdbc = jdbc;
        this.statements = List.of(statements);
    }

    /** Holds the write back until the transaction commits or the projection reads. */
    public void add(String statement, Object... params) {
        if (!statements.contains(statement)) {
            throw new IllegalArgumentException("Not a declared statement: " + statement);
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            jdbc.update(statement, params);
            return;
        }
        Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            pending = new Pending();
            TransactionSynchronizationManager.bindResource(this, pending);
            TransactionSynchronizationManager.registerSynchronization(pending);
        }
        pending.rows.get(statement).add(params);
    }

    /** Sends what the current transaction holds back. */
    public void flush() {
        if (TransactionSynchronizationManager.isSynchronizationActive()
                && TransactionSynchronizationManager.getResource(this) instanceof Pending pending) {
            pending.send();
        }
    }

    /** The writes one transaction holds back, by statement, in the declared order. */
    private final class Pending implements TransactionSynchronization {

        private final Map<String, List<Object[]>> rows = new LinkedHashMap<>();

        Pending() {
            statements.forEach(statement -> rows.put(statement, new ArrayList<>()));
        }

        void send() {
            rows.forEach((statement, params) -> {
                if (!params.isEmpty()) {
                    jdbc.batchUpdate(statement, params);
                    params.clear();
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
