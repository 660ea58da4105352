package com.subscriptiondevices.platform.data;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlTypeValue;
import org.springframework.jdbc.core.StatementCreatorUtils;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The statements one write sends, in one round trip. A command's unit of work appends its events,
 * claims what must be unique and writes every read model: on PostgreSQL these statements are held back
 * and sent together when the unit of work prepares its commit, as one JDBC statement of many (pgjdbc
 * sends them with a single sync, and the server runs them in order, each seeing the ones before it).
 * A command's write is then two round trips whatever it touches: its statements (with pgjdbc's
 * {@code BEGIN}), its commit.
 *
 * <p>The first batch a command's transaction sends begins with a guard, {@code SAVEPOINT} and its
 * {@code RELEASE}: that transaction is not opened on the server ahead of its statements
 * ({@link OpenedTransactions#openedByItsWrite}), and pgjdbc's {@code BEGIN} travels as a query of its
 * own, which a cancel can fail alone. The batch would then run outside any transaction and commit by
 * itself; the {@code SAVEPOINT} fails there, and with it the whole batch, so nothing of the write is
 * stored and the failure is transient.
 *
 * <p>A command's write can be one round trip: when its transaction is opened by its write
 * ({@link OpenedTransactions#openedByItsWrite}) and none of its statements needs its outcome, the
 * statements wait past the unit of work's prepare-commit and go with the transaction's {@code COMMIT}
 * ({@link #sendWithTheCommit}, which the command's transaction manager calls as it commits). A failure of
 * any of them skips the rest, the {@code COMMIT} included; a connection that breaks meanwhile leaves the
 * outcome to be found in the event store, as for any commit. Nothing may be sent in that transaction
 * after it.
 *
 * <p>A statement that needs its outcome says what to do with the number of rows it changed; that runs
 * once the statements are sent, and what it throws fails the write, as a failure of the statement
 * itself would. One that fails, fails the whole write: the statements after it do not run, and the
 * transaction rolls back. Anything that reads what held-back statements write calls {@link #flush()}
 * first.
 *
 * <p>Outside a unit of work that has yet to commit, without a transaction, or on H2 (in the process: a
 * round trip costs nothing there), each statement runs at once.
 */
public final class WritePipeline {

    /** PostgreSQL's SQL state for a statement that needs a transaction block, run outside one. */
    private static final String NO_ACTIVE_TRANSACTION = "25P01";

    private static final Statement COMMIT = new Statement("commit", new Object[0], null, null);

    private final JdbcTemplate jdbc;
    private volatile Boolean postgres;

    public WritePipeline(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A statement whose outcome the write does not look at. */
    public void send(String sql, Object... params) {
        hold(new Statement(sql, params, null, null));
    }

    /**
     * A statement whose outcome the write looks at: {@code rowsChanged} gets the number of rows it changed
     * once it ran, and may throw to fail the write.
     */
    public void send(String sql, Object[] params, IntConsumer rowsChanged) {
        hold(new Statement(sql, params, Objects.requireNonNull(rowsChanged), null));
    }

    /**
     * A statement that knows some of its failures better than the database's generic report (an event's
     * append that lost a race): {@code ownFailure} turns such a failure into the one to throw, and
     * returns null for any other.
     */
    public void send(String sql, Object[] params, Function<DataAccessException, RuntimeException> ownFailure) {
        hold(new Statement(sql, params, null, Objects.requireNonNull(ownFailure)));
    }

    /**
     * Sends what the current command's transaction holds for its commit, followed by its {@code COMMIT},
     * in one round trip: called by the root unit of work's transaction as it commits, after the unit of
     * work prepared it. When it sends, the transaction is over on the server, and the transaction manager's
     * own commit finds nothing to send; when nothing was held for the commit (another kind of transaction, a
     * statement that needs its outcome, a nested unit of work), it sends nothing and that commit is as usual. What it throws leaves the outcome as unknown as a failed commit's when the
     * connection broke, and known (nothing stored) when the database refused a statement.
     */
    public void sendWithTheCommit() {
        if (CurrentUnitOfWork.isStarted()
                && CurrentUnitOfWork.get().isRoot()
                && CurrentUnitOfWork.get().phase() == UnitOfWork.Phase.COMMIT
                && TransactionSynchronizationManager.isSynchronizationActive()
                && TransactionSynchronizationManager.getResource(this) instanceof Pending pending) {
            pending.sendWithTheCommit();
        }
    }

    /** Sends what the current transaction holds back, if anything. */
    public void flush() {
        if (TransactionSynchronizationManager.isSynchronizationActive()
                && TransactionSynchronizationManager.getResource(this) instanceof Pending pending) {
            pending.send();
        }
    }

    /** Whether statements sent now are held back, rather than run at once. */
    public boolean holding() {
        return CurrentUnitOfWork.isStarted()
                && !CurrentUnitOfWork.get().root().phase().isAfter(UnitOfWork.Phase.PREPARE_COMMIT)
                && TransactionSynchronizationManager.isActualTransactionActive()
                && TransactionSynchronizationManager.isSynchronizationActive()
                && postgres();
    }

    private void hold(Statement statement) {
        if (!holding()) {
            // after what the transaction still holds, in order; never after its commit
            flush();
            run(List.of(statement), false);
            return;
        }
        // the root: each subscribing processor handles the events in a nested unit of work of its own
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            pending = new Pending();
            TransactionSynchronizationManager.bindResource(this, pending);
            TransactionSynchronizationManager.registerSynchronization(pending);
        }
        pending.hold(statement, unitOfWork);
    }

    /**
     * Runs the statements as one, in order, after the guard when the transaction needs it and followed by
     * its {@code COMMIT} when {@code commit}; then hands each its outcome.
     */
    private void run(List<Statement> written, boolean commit) {
        if (TransactionSynchronizationManager.isSynchronizationActive()
                && TransactionSynchronizationManager.getResource(this) instanceof Pending pending
                && pending.committed) {
            throw new IllegalStateException(
                    "A statement after its write's transaction committed with the write's statements: " + written);
        }
        boolean guarding =
                OpenedTransactions.unguarded() && TransactionSynchronizationManager.isActualTransactionActive();
        List<Statement> statements = guarding ? withGuard(written) : new ArrayList<>(written);
        if (commit) {
            statements.add(COMMIT);
        }
        String sql = statements.size() == 1
                ? statements.get(0).sql()
                : statements.stream().map(Statement::sql).collect(Collectors.joining(";\n"));
        int[] rows;
        try {
            rows = jdbc.execute(connection -> connection.prepareStatement(sql), (PreparedStatement ps) -> {
                int index = 1;
                for (Statement statement : statements) {
                    for (Object param : statement.params()) {
                        StatementCreatorUtils.setParameterValue(ps, index++, SqlTypeValue.TYPE_UNKNOWN, param);
                    }
                }
                return outcomes(ps, statements.size());
            });
        } catch (DataAccessException failure) {
            for (Statement statement : statements) {
                RuntimeException own = statement.ownFailure() == null
                        ? null
                        : statement.ownFailure().apply(failure);
                if (own != null) {
                    throw own;
                }
            }
            throw failure;
        }
        if (guarding) {
            OpenedTransactions.guarded();
        }
        for (int i = 0; i < statements.size(); i++) {
            if (statements.get(i).rowsChanged() != null) {
                statements.get(i).rowsChanged().accept(rows[i]);
            }
        }
    }

    private static List<Statement> withGuard(List<Statement> written) {
        List<Statement> guarded = new ArrayList<>(written.size() + 2);
        guarded.add(new Statement("savepoint opened_by_its_write", new Object[0], null, WritePipeline::notBegun));
        guarded.add(new Statement("release savepoint opened_by_its_write", new Object[0], null, null));
        guarded.addAll(written);
        return guarded;
    }

    /** The guard's failure: the transaction's {@code BEGIN} failed, so nothing of the write ran. */
    private static RuntimeException notBegun(DataAccessException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && NO_ACTIVE_TRANSACTION.equals(sql.getSQLState())) {
                return new TransientDataAccessResourceException(
                        "The transaction had not begun on the server (its BEGIN failed): nothing of the write ran",
                        failure);
            }
        }
        return null;
    }

    /** The number of rows each statement changed, in order. */
    private static int[] outcomes(PreparedStatement ps, int count) throws SQLException {
        int[] rows = new int[count];
        boolean resultSet = ps.execute();
        for (int i = 0; i < count; i++) {
            if (resultSet) {
                throw new SQLException("A held-back write returned rows: " + i);
            }
            rows[i] = ps.getUpdateCount();
            resultSet = ps.getMoreResults();
        }
        return rows;
    }

    private boolean postgres() {
        Boolean known = postgres;
        if (known == null) {
            known = jdbc.execute((ConnectionCallback<Boolean>) Databases::postgres);
            postgres = known;
        }
        return known;
    }

    private record Statement(
            String sql,
            Object[] params,
            IntConsumer rowsChanged,
            Function<DataAccessException, RuntimeException> ownFailure) {}

    /** What one transaction holds back, in the order it was written. */
    private final class Pending implements TransactionSynchronization {

        private final List<Statement> held = new ArrayList<>();
        /** The unit of work that sends the statements when it prepares its commit, if one will. */
        private UnitOfWork<?> sender;
        /** The held statements wait for the transaction's commit, to go with it. */
        private boolean forTheCommit;
        /** The statements went with the transaction's {@code COMMIT}: nothing may follow them. */
        private boolean committed;

        void hold(Statement statement, UnitOfWork<?> unitOfWork) {
            held.add(statement);
            forTheCommit = false;
            if (sender != unitOfWork) {
                sender = unitOfWork;
                // run after whatever prepares this commit now, the event bus's appends and handlers included
                unitOfWork.onPrepareCommit(u -> prepared());
                unitOfWork.onRollback(u -> held.clear());
            }
        }

        /**
         * The unit of work prepared its commit: a command's statements that need no outcome wait for its
         * commit ({@link #sendWithTheCommit}); any others go now, so that their outcomes can still fail it.
         */
        private void prepared() {
            sender = null;
            if (OpenedTransactions.byItsWrite()
                    && held.stream().allMatch(statement -> statement.rowsChanged() == null)) {
                forTheCommit = true;
                return;
            }
            send();
        }

        void sendWithTheCommit() {
            if (!forTheCommit || held.isEmpty()) {
                return;
            }
            List<Statement> sending = List.copyOf(held);
            held.clear();
            forTheCommit = false;
            run(sending, true);
            committed = true;
        }

        void send() {
            sender = null;
            forTheCommit = false;
            if (held.isEmpty()) {
                return;
            }
            List<Statement> sending = List.copyOf(held);
            held.clear();
            run(sending, false);
        }

        /**
         * Anything written after the unit of work's own sending (none known), or held for a commit that
         * did not take it (a transaction manager that does not call {@link #sendWithTheCommit}), still goes
         * before the commit.
         */
        @Override
        public void beforeCommit(boolean readOnly) {
            send();
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(WritePipeline.this);
        }
    }
}
