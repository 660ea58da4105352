package com.subscriptiondevices.readmodel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A read-model store's writes. A live store makes each at once, in the command's transaction. A
 * replay's store holds them back and sends them as one JDBC batch per statement: before the transaction
 * commits, and whenever the projection reads (the store calls {@link #flush()} first). A replay writes a
 * thousand events in a transaction; one round trip per statement instead of one per event is most of
 * what a rebuild costs.
 *
 * <p>The batches are sent in the order the statements are declared, not in the order the writes were
 * made: declare them so that no write of a statement depends on a later statement's writes to the same
 * rows (a subscription's row before its devices', a device's row before its changes). Without an
 * active transaction a write is made at once.
 */
public final class BatchedWrites {

    private final JdbcClient jdbc;
    private final JdbcOperations batches;
    private final List<String> statements;

    /** With {@code batches}, writes held back until a read or the commit; without, made at once. */
    public BatchedWrites(JdbcClient jdbc, JdbcOperations batches, String... statements) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.statements = List.of(statements);
    }

    /** Makes the write, or holds it back until the transaction commits or the projection reads. */
    public void write(String statement, Object... params) {
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
        pending.rows.get(statement).add(params);
    }

    /** Sends what the current transaction holds back. */
    public void flush() {
        if (batches != null
                && TransactionSynchronizationManager.isSynchronizationActive()
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
                    batches.batchUpdate(statement, params);
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
