package com.subscriptiondevices.platform.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.subscriptiondevices.platform.testing.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;

/**
 * On PostgreSQL, a transaction of the service is open on the server before its first statement is sent,
 * so no statement of it can be the one that runs, and commits, on its own after a cancelled
 * {@code BEGIN}; with Spring's plain manager pgjdbc has not even sent the {@code BEGIN} yet.
 */
class OpenedTransactionsIT {

    private final PGSimpleDataSource dataSource = TestDatabases.mainDataSource();
    /** On connections of its own, never the transaction's. */
    private final JdbcClient observer = JdbcClient.create(TestDatabases.mainDataSource());

    @Test
    void a_transaction_is_open_on_the_server_before_its_first_statement() {
        assertThat(serverStateAtStart(new OpenedTransactions(dataSource))).isEqualTo("idle in transaction");
        assertThat(serverStateAtStart(new JdbcTransactionManager(dataSource)))
                .as("pgjdbc's BEGIN, left to travel with the first statement")
                .isEqualTo("idle");
    }

    @Test
    void a_commands_transaction_is_left_to_its_writes_guard_and_leaves_nothing_behind() {
        OpenedTransactions transactions = new OpenedTransactions(dataSource);

        assertThat(OpenedTransactions.openedByItsWrite(() -> serverStateAtStart(transactions)))
                .as("opened by its write's first batch, not ahead of it")
                .isEqualTo("idle");
        assertThat(OpenedTransactions.unguarded()).as("after it ended").isFalse();
        assertThat(serverStateAtStart(transactions)).isEqualTo("idle in transaction");
    }

    @Test
    void what_a_transaction_writes_commits_with_it_and_only_with_it() {
        OpenedTransactions transactions = new OpenedTransactions(dataSource);
        String table = "opened_transactions_probe";
        observer.sql("create table if not exists " + table + " (id int)").update();
        observer.sql("truncate " + table).update();
        try {
            TransactionStatus rolledBack = transactions.getTransaction(new DefaultTransactionDefinition());
            JdbcClient.create(dataSource)
                    .sql("insert into " + table + " values (1)")
                    .update();
            transactions.rollback(rolledBack);
            TransactionStatus committed = transactions.getTransaction(new DefaultTransactionDefinition());
            JdbcClient.create(dataSource)
                    .sql("insert into " + table + " values (2)")
                    .update();
            transactions.commit(committed);
            assertThat(observer.sql("select id from " + table)
                            .query(Integer.class)
                            .list())
                    .containsExactly(2);
        } finally {
            observer.sql("drop table " + table).update();
        }
    }

    /** The server's view of the transaction's connection right after it began, before any statement. */
    private String serverStateAtStart(PlatformTransactionManager transactions) {
        TransactionStatus status = transactions.getTransaction(new DefaultTransactionDefinition());
        try {
            Connection connection = DataSourceUtils.getConnection(dataSource);
            int pid = connection.unwrap(PGConnection.class).getBackendPID();
            return ServerStates.settled(observer, pid);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } finally {
            transactions.rollback(status);
        }
    }
}
