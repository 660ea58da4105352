package com.subscriptiondevices.platform.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.subscriptiondevices.platform.testing.CommandUnitsOfWork;
import com.subscriptiondevices.platform.testing.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * On PostgreSQL, the statements of a unit of work wait for its commit and go together, in order, each
 * seeing the ones before it; their outcomes and failures fail the unit of work, which then stores
 * nothing.
 */
class WritePipelineIT {

    private static final String TABLE = "write_pipeline_probe";
    private static final String INSERT = "insert into " + TABLE + " (id, note) values (?, ?)";

    private final PGSimpleDataSource dataSource = TestDatabases.mainDataSource();
    private final JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    private final WritePipeline pipeline = new WritePipeline(jdbc);
    private final SpringTransactionManager transactions =
            new SpringTransactionManager(new OpenedTransactions(dataSource));
    /** On connections of its own, never the unit of work's. */
    private final JdbcClient observer = JdbcClient.create(TestDatabases.mainDataSource());

    @BeforeEach
    void emptyTable() {
        observer.sql("create table if not exists " + TABLE + " (id int primary key, note text)")
                .update();
        observer.sql("truncate " + TABLE).update();
    }

    @AfterEach
    void dropTable() {
        observer.sql("drop table if exists " + TABLE).update();
    }

    @Test
    void statements_wait_for_the_commit_and_run_in_order_each_with_its_outcome() {
        AtomicInteger updated = new AtomicInteger(-1);
        UnitOfWork<?> unitOfWork = started();

        pipeline.send(INSERT, 1, "first");
        pipeline.send("update " + TABLE + " set note = ? where id = ?", new Object[] {"second", 1}, updated::set);
        assertThat(pipeline.holding()).isTrue();
        assertThat(jdbc.queryForObject("select count(*) from " + TABLE, Long.class))
                .as("the unit of work's own connection, before its commit")
                .isZero();
        assertThat(updated).hasValue(-1);
        unitOfWork.commit();

        assertThat(updated).as("the update saw the insert before it").hasValue(1);
        assertThat(notes()).containsExactly("1:second");
    }

    @Test
    void an_outcome_can_fail_the_unit_of_work_which_then_stores_nothing() {
        observer.sql(INSERT).params(2, "someone else's").update();
        UnitOfWork<?> unitOfWork = started();

        pipeline.send(INSERT, 1, "mine");
        pipeline.send(
                "insert into " + TABLE + " (id, note) values (?, ?) on conflict do nothing",
                new Object[] {2, "mine too"},
                inserted -> {
                    if (inserted == 0) {
                        throw new IllegalStateException("2 is taken");
                    }
                });

        assertThatThrownBy(unitOfWork::commit)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("2 is taken");
        assertThat(notes()).containsExactly("2:someone else's");
    }

    @Test
    void a_failure_a_statement_knows_is_reported_as_it_says_and_any_other_as_the_database_said() {
        observer.sql(INSERT).params(3, "taken").update();

        UnitOfWork<?> known = started();
        pipeline.send(INSERT, 1, "before");
        pipeline.send(
                INSERT,
                new Object[] {3, "again"},
                failure -> failure instanceof DuplicateKeyException ? new IllegalStateException("lost a race") : null);
        assertThatThrownBy(known::commit)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("lost a race");

        UnitOfWork<?> unknown = started();
        pipeline.send(INSERT, 1, "before");
        pipeline.send(INSERT, new Object[] {3, "again"}, failure -> null);
        assertThatThrownBy(unknown::commit).isInstanceOf(DuplicateKeyException.class);

        assertThat(notes()).containsExactly("3:taken");
    }

    @Test
    void a_flush_sends_what_is_held_so_that_a_read_of_the_unit_of_work_sees_it() {
        UnitOfWork<?> unitOfWork = started();
        pipeline.send(INSERT, 1, "read back");

        pipeline.flush();

        assertThat(jdbc.queryForObject("select note from " + TABLE + " where id = 1", String.class))
                .isEqualTo("read back");
        assertThat(notes()).as("not committed yet").isEmpty();
        unitOfWork.commit();
        assertThat(notes()).containsExactly("1:read back");
    }

    @Test
    void a_unit_of_work_rolled_back_sends_nothing() {
        UnitOfWork<?> unitOfWork = started();
        pipeline.send(INSERT, 1, "never");

        unitOfWork.rollback();

        assertThat(notes()).isEmpty();
        UnitOfWork<?> next = started();
        pipeline.send(INSERT, 2, "next");
        next.commit();
        assertThat(notes()).containsExactly("2:next");
    }

    @Test
    void outside_a_unit_of_work_each_statement_runs_at_once() {
        assertThat(pipeline.holding()).isFalse();

        pipeline.send(INSERT, 1, "at once");

        assertThat(notes()).containsExactly("1:at once");
    }

    @Test
    void a_statement_that_fails_at_once_reports_the_databases_failure() {
        observer.sql(INSERT).params(1, "taken").update();

        assertThatThrownBy(() -> pipeline.send(INSERT, 1, "again")).isInstanceOf(DataAccessException.class);
    }

    @Test
    void a_commands_transaction_is_opened_by_its_writes_first_batch_not_ahead_of_it() throws SQLException {
        UnitOfWork<?> unitOfWork = startedAsACommand();
        int pid = DataSourceUtils.getConnection(dataSource)
                .unwrap(PGConnection.class)
                .getBackendPID();
        pipeline.send(INSERT, 1, "guarded");
        assertThat(ServerStates.settled(observer, pid))
                .as("nothing sent yet, not even the BEGIN")
                .isEqualTo("idle");

        pipeline.flush();
        assertThat(ServerStates.settled(observer, pid)).isEqualTo("idle in transaction");
        pipeline.send(INSERT, 2, "after the guard");
        unitOfWork.commit();

        assertThat(notes()).containsExactly("1:guarded", "2:after the guard");
    }

    /**
     * pgjdbc sends a transaction's {@code BEGIN} as a query of its own: a cancel can fail it alone, and
     * the statements after it then run outside any transaction. An autocommit connection is that state,
     * made on purpose.
     */
    @Test
    void a_write_whose_begin_failed_stores_nothing_though_its_statements_reach_the_server() {
        UnitOfWork<?> unitOfWork = startedAsACommand();
        asIfItsBeginFailed(unitOfWork);
        pipeline.send(INSERT, 1, "alone?");
        pipeline.send(INSERT, 2, "alone too?");

        assertThatThrownBy(unitOfWork::commit)
                .isInstanceOf(TransientDataAccessException.class)
                .hasMessageContaining("had not begun");
        assertThat(notes()).isEmpty();
    }

    /** The same state for a transaction opened ahead of its statements, which carries no guard: the hazard. */
    @Test
    void without_the_guard_a_write_outside_a_transaction_commits_its_statements_on_their_own() {
        UnitOfWork<?> unitOfWork = started();
        asIfItsBeginFailed(unitOfWork);
        pipeline.send(INSERT, 1, "alone");
        unitOfWork.onPrepareCommit(u -> {
            throw new IllegalStateException("a failure after the write's statements");
        });

        assertThatThrownBy(unitOfWork::commit).isInstanceOf(IllegalStateException.class);
        assertThat(notes()).as("rolled back, and yet stored").containsExactly("1:alone");
    }

    /** The transaction's connection leaves its transaction block as the unit of work prepares its commit. */
    private void asIfItsBeginFailed(UnitOfWork<?> unitOfWork) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        unitOfWork.onPrepareCommit(u -> autoCommit(connection, true));
        // the rollback's handlers run last-registered first: the transaction's own rollback comes after this
        unitOfWork.onRollback(u -> autoCommit(connection, false));
        // a command's statements wait for Spring's commit, which rolls back when they fail: after this too
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void beforeCompletion() {
                autoCommit(connection, false);
            }
        });
    }

    private static void autoCommit(Connection connection, boolean autoCommit) {
        try {
            connection.setAutoCommit(autoCommit);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private UnitOfWork<?> started() {
        return CommandUnitsOfWork.started(transactions);
    }

    /** As a command's: the transaction is opened by the write's first batch. */
    private UnitOfWork<?> startedAsACommand() {
        return CommandUnitsOfWork.started(() -> OpenedTransactions.openedByItsWrite(transactions::startTransaction));
    }

    private List<String> notes() {
        return observer.sql("select id || ':' || note from " + TABLE + " order by id")
                .query(String.class)
                .list();
    }
}
