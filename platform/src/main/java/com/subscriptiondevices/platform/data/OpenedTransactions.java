package com.subscriptiondevices.platform.data;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;

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
 */
public final class OpenedTransactions extends JdbcTransactionManager {

    private volatile Boolean postgres;

    public OpenedTransactions(DataSource dataSource) {
        super(dataSource);
    }

    @Override
    protected void prepareTransactionalConnection(Connection connection, TransactionDefinition definition)
            throws SQLException {
        super.prepareTransactionalConnection(connection, definition);
        if (postgres(connection)) {
            try (Statement opening = connection.createStatement()) {
                opening.execute("select 1");
            }
        }
    }

    private boolean postgres(Connection connection) throws SQLException {
        Boolean known = postgres;
        if (known == null) {
            known = "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
            postgres = known;
        }
        return known;
    }
}
