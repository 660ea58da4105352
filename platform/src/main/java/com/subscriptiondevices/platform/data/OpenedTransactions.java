package com.subscriptiondevices.platform.data;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Spring's JDBC transaction manager, except that a transaction on PostgreSQL is open on the server
 * before the caller's first statement is sent.
 *
 * <p>pgjdbc sends a transaction's {@code BEGIN} together with its first statement. When a cancel lands
 * on that {@code BEGIN} (an operator's {@code pg_cancel_backend}, a client-side query timeout), the
 * server fails the {@code BEGIN} and still runs the statement after it, outside any transaction: it
 * commits on its own while the caller sees an error and rolls "back" the rest. When that first
 * statement was a command's event append, the event was stored while the read models its transaction
 * should have written were not, and the command's retry then found its change already made. Opening
 * the transaction with a statement of its own ({@code select 1}, one round trip) leaves nothing of
 * consequence to ride on a failed {@code BEGIN}: it fails the transaction's start instead, which is a
 * transient failure like any other. H2 has no such protocol and gets no extra statement.
 *
 * <p>A command's transaction saves that round trip ({@link #openedByItsWrite}): every statement of
 * consequence it sends goes through the {@link WritePipeline}, whose first batch then starts with a
 * guard of its own (a {@code SAVEPOINT}, which fails outside a transaction block, and with it the
 * whole batch). After a cancelled {@code BEGIN} such a write stores nothing, as here. Such a transaction
 * may also end with its write: the pipeline can send its {@code COMMIT} with the last statements
 * ({@link WritePipeline#sendWithTheCommit}), and Spring's commit then finds nothing left to send.
 */
public final class OpenedTransactions extends JdbcTransactionManager {

    /** Bound to the thread while a transaction begun by {@link #openedByItsWrite} has yet to be guarded. */
    static final Object UNGUARDED = new Object() {
        @Override
        public String toString() {
            return "a transaction not yet open on the server";
        }
    };

    /** Bound to the thread for the whole of a transaction begun by {@link #openedByItsWrite}. */
    static final Object BY_ITS_WRITE = new Object() {
        @Override
        public String toString() {
            return "a transaction opened, and perhaps committed, by its write's statements";
        }
    };

    private static final ThreadLocal<Boolean> BEGINNING_UNOPENED = new ThreadLocal<>();

    private volatile Boolean postgres;

    public OpenedTransactions(DataSource dataSource) {
        super(dataSource);
    }

    /**
     * Begins, through {@code begin}, a transaction that is not opened ahead of its statements: its
     * write's first batch in the {@link WritePipeline} carries the guard instead. Only for a transaction
     * whose statements of consequence all go through the pipeline (a command's); one that joins an
     * existing transaction is what it was.
     */
    public static <T> T openedByItsWrite(Supplier<T> begin) {
        BEGINNING_UNOPENED.set(Boolean.TRUE);
        try {
            return begin.get();
        } finally {
            BEGINNING_UNOPENED.remove();
        }
    }

    /** Whether the current transaction still needs its write's guard. */
    static boolean unguarded() {
        return TransactionSynchronizationManager.hasResource(UNGUARDED);
    }

    /** Whether the current transaction was begun by {@link #openedByItsWrite} (on PostgreSQL). */
    static boolean byItsWrite() {
        return TransactionSynchronizationManager.hasResource(BY_ITS_WRITE);
    }

    /** The current transaction's write carried the guard: the transaction is open on the server. */
    static void guarded() {
        TransactionSynchronizationManager.unbindResourceIfPossible(UNGUARDED);
    }

    @Override
    protected void prepareTransactionalConnection(Connection connection, TransactionDefinition definition)
            throws SQLException {
        super.prepareTransactionalConnection(connection, definition);
        // those left behind by a transaction whose start failed after this point
        guarded();
        TransactionSynchronizationManager.unbindResourceIfPossible(BY_ITS_WRITE);
        if (!postgres(connection)) {
            return;
        }
        if (BEGINNING_UNOPENED.get() != null) {
            TransactionSynchronizationManager.bindResource(UNGUARDED, Boolean.TRUE);
            TransactionSynchronizationManager.bindResource(BY_ITS_WRITE, Boolean.TRUE);
            return;
        }
        try (Statement opening = connection.createStatement()) {
            opening.execute("select 1");
        }
    }

    @Override
    protected void doCleanupAfterCompletion(Object transaction) {
        guarded();
        TransactionSynchronizationManager.unbindResourceIfPossible(BY_ITS_WRITE);
        super.doCleanupAfterCompletion(transaction);
    }

    private boolean postgres(Connection connection) throws SQLException {
        Boolean known = postgres;
        if (known == null) {
            known = Databases.postgres(connection);
            postgres = known;
        }
        return known;
    }
}
