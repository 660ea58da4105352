package com.subscriptiondevices.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.subscriptiondevices.platform.data.OpenedTransactions;
import com.subscriptiondevices.platform.data.WritePipeline;
import com.subscriptiondevices.platform.testing.TestDatabases;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A command's write whose statements need no outcome goes to PostgreSQL in one round trip, its
 * {@code COMMIT} with its statements; the commit's failures are what they were: a refused statement stores
 * nothing and says why, a connection broken before the commit stores nothing and is transient, and an
 * answer lost after it leaves the write standing. On a database of its own, with the service's event
 * table, through the command's transaction manager as Axon's interceptor attaches it.
 */
class WriteWithItsCommitIT {

    private static final String DATABASE = "write_with_its_commit";
    private static final String OTHER = "write_with_its_commit_probe";

    /** The round trips the service's connections make, and the faults they are told to meet. */
    private final Wire wire = new Wire(TestDatabases.dedicatedDataSource(DATABASE));

    private final JdbcTemplate jdbc = new JdbcTemplate(wire.dataSource());
    private final WritePipeline pipeline = new WritePipeline(jdbc);
    private final SpringTransactionManager spring =
            new SpringTransactionManager(new OpenedTransactions(wire.dataSource()));
    private final TransactionManager commands =
            new CommitOutcomes(spring, JdbcClient.create(wire.dataSource()), pipeline);
    private final JdbcEventStorageEngine engine =
            ProbeEventStore.engine(wire.dataSource(), spring, pipeline, "domainevententry");
    /** On connections of its own, never the write's. */
    private final JdbcClient observer = JdbcClient.create(TestDatabases.dedicatedDataSource(DATABASE));

    private final String aggregate = UUID.randomUUID().toString();

    @BeforeEach
    void tables() {
        // the event store's own table: the commit's outcome is looked up there
        ProbeEventStore.createTable(observer, "domainevententry");
        observer.sql("create table if not exists " + OTHER + " (id int primary key)")
                .update();
        observer.sql("truncate domainevententry, " + OTHER).update();
    }

    @AfterEach
    void nothingLeftOnTheThread() {
        assertThat(TransactionSynchronizationManager.getResourceMap())
                .as("every transaction ended here")
                .isEmpty();
        assertThat(TransactionSynchronizationManager.isSynchronizationActive()).isFalse();
    }

    @Test
    void a_commands_write_that_needs_no_outcome_is_one_round_trip_its_commit_with_its_statements() {
        UnitOfWork<?> write = command();
        append(0, "added");
        pipeline.send("insert into " + OTHER + " (id) values (?)", 1);

        wire.counting();
        write.commit();

        assertThat(wire.trips())
                .as("statements and COMMIT together; Spring's commit sends nothing")
                .containsExactly("savepoint; release; insert; insert; commit");
        assertThat(events()).containsExactly("added");
        assertThat(others()).containsExactly(1);
    }

    @Test
    void a_write_with_a_statement_that_needs_its_outcome_sends_them_ahead_and_commits_after() {
        UnitOfWork<?> write = command();
        append(0, "added");
        AtomicInteger inserted = new AtomicInteger(-1);
        pipeline.send(
                "insert into " + OTHER + " (id) values (?) on conflict do nothing", new Object[] {1}, inserted::set);

        wire.counting();
        write.commit();

        assertThat(wire.trips()).containsExactly("savepoint; release; insert; insert", "commit");
        assertThat(inserted).hasValue(1);
        assertThat(events()).containsExactly("added");
    }

    @Test
    void a_transaction_that_is_not_a_commands_commits_on_its_own() {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        attach(unitOfWork);
        pipeline.send("insert into " + OTHER + " (id) values (?)", 1);

        wire.counting();
        unitOfWork.commit();

        assertThat(wire.trips()).containsExactly("insert", "commit");
        assertThat(others()).containsExactly(1);
    }

    @Test
    void a_statement_the_database_refuses_fails_the_write_as_it_says_and_stores_nothing() {
        UnitOfWork<?> theirs = command();
        append(0, "theirs");
        append(1, "theirs too");
        theirs.commit();

        UnitOfWork<?> mine = command();
        pipeline.send("insert into " + OTHER + " (id) values (?)", 1);
        append(1, "mine");
        assertThatThrownBy(mine::commit).isInstanceOf(ConcurrencyException.class);

        assertThat(events()).containsExactly("theirs", "theirs too");
        assertThat(others())
                .as("the statement before the refused one rolled back with it")
                .isEmpty();
        UnitOfWork<?> next = command();
        append(2, "next");
        next.commit();
        assertThat(events()).containsExactly("theirs", "theirs too", "next");
    }

    @Test
    void a_connection_that_broke_before_the_commit_reached_the_database_stores_nothing_and_is_transient() {
        UnitOfWork<?> write = command();
        append(0, "lost");
        pipeline.send("insert into " + OTHER + " (id) values (?)", 1);

        wire.breaksBeforeTheNextStatement();
        assertThatThrownBy(write::commit)
                .isInstanceOf(CommitOutcomes.NotCommitted.class)
                .isInstanceOf(TransientDataAccessException.class);

        assertThat(events()).isEmpty();
        assertThat(others()).isEmpty();
    }

    @Test
    void an_answer_lost_after_the_commit_leaves_the_write_standing() {
        UnitOfWork<?> write = command();
        append(0, "stands");
        pipeline.send("insert into " + OTHER + " (id) values (?)", 1);

        wire.breaksAfterTheNextStatement();
        write.commit();

        assertThat(events()).containsExactly("stands");
        assertThat(others()).containsExactly(1);
    }

    /** A command's unit of work, its transaction attached as Axon's transaction interceptor does. */
    private UnitOfWork<?> command() {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(GenericCommandMessage.asCommandMessage("probe"));
        attach(unitOfWork);
        return unitOfWork;
    }

    private void attach(UnitOfWork<?> unitOfWork) {
        Transaction transaction = commands.startTransaction();
        unitOfWork.onCommit(u -> transaction.commit());
        unitOfWork.onRollback(u -> transaction.rollback());
    }

    /** Appends as the event store does, the first event noted for the commit's outcome. */
    private void append(long sequence, String payload) {
        DomainEventMessage<String> event = new GenericDomainEventMessage<>("Probe", aggregate, sequence, payload);
        CommitOutcomes.recorder().handle(List.of(event));
        engine.appendEvents(List.of(event));
    }

    private List<String> events() {
        return engine.readEvents(aggregate)
                .asStream()
                .map(event -> (String) event.getPayload())
                .toList();
    }

    private List<Integer> others() {
        return observer.sql("select id from " + OTHER + " order by id")
                .query(Integer.class)
                .list();
    }

    /**
     * The data source as the service's code sees it: each statement sent and each commit that reaches the
     * database noted while counting, and a connection broken on request, before or after a statement runs.
     */
    private static final class Wire {

        private enum Fault {
            NONE,
            BEFORE,
            AFTER
        }

        private final DataSource dataSource;
        private final List<String> trips = new CopyOnWriteArrayList<>();
        private volatile boolean counting;
        private volatile Fault fault = Fault.NONE;

        Wire(DataSource target) {
            this.dataSource = proxy(DataSource.class, target, (method, args, real) -> {
                Object result = method.invoke(real, args);
                return result instanceof Connection connection ? connection(connection) : result;
            });
        }

        DataSource dataSource() {
            return dataSource;
        }

        void counting() {
            trips.clear();
            counting = true;
        }

        List<String> trips() {
            return List.copyOf(trips);
        }

        void breaksBeforeTheNextStatement() {
            fault = Fault.BEFORE;
        }

        void breaksAfterTheNextStatement() {
            fault = Fault.AFTER;
        }

        private Connection connection(Connection real) {
            return proxy(Connection.class, real, (method, args, connection) -> {
                if (method.getName().equals("commit")
                        && counting
                        && connection.unwrap(BaseConnection.class).getTransactionState() != TransactionState.IDLE) {
                    trips.add("commit");
                }
                Object result = method.invoke(connection, args);
                return result instanceof PreparedStatement statement
                        ? statement(statement, connection, (String) args[0])
                        : result;
            });
        }

        private PreparedStatement statement(PreparedStatement real, Connection connection, String sql) {
            return proxy(PreparedStatement.class, real, (method, args, statement) -> {
                if (!method.getName().startsWith("execute")) {
                    return method.invoke(statement, args);
                }
                Fault now = fault;
                fault = Fault.NONE;
                if (now == Fault.BEFORE) {
                    connection.close();
                    throw new PSQLException("The connection broke (test)", PSQLState.CONNECTION_FAILURE);
                }
                Object result = method.invoke(statement, args);
                if (counting) {
                    trips.add(verbs(sql));
                }
                if (now == Fault.AFTER) {
                    connection.close();
                    throw new PSQLException("The answer was lost (test)", PSQLState.CONNECTION_FAILURE);
                }
                return result;
            });
        }

        private static String verbs(String sql) {
            return Arrays.stream(sql.split(";"))
                    .map(statement -> statement.strip().split("\\s+", 2)[0].toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining("; "));
        }

        private interface Handler<T> {
            Object handle(Method method, Object[] args, T real) throws Throwable;
        }

        private static <T> T proxy(Class<T> type, T real, Handler<T> handler) {
            return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, method, args) -> {
                try {
                    return handler.handle(method, args, real);
                } catch (InvocationTargetException failure) {
                    throw failure.getCause();
                }
            }));
        }
    }
}
