package com.subscriptiondevices.platform.data;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLTransientException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Failures of the database that say nothing about the request: the connection broke or could not be
 * had, a statement was cancelled or timed out, a lock conflict or a serialization failure. Trying the
 * same work again later may well succeed, so the caller sees 503, never 500, and asynchronous
 * consumers retry instead of dead-lettering.
 */
public final class TransientFailures {

    private static final int ATTEMPTS = 4;

    private TransientFailures() {}

    /**
     * Whether {@code failure}, or anything in its chain of causes, is a transient failure of the
     * database. PostgreSQL's SQL states: class 08 (connection exception), 40 (transaction rollback:
     * serialization failure, deadlock), 53 (insufficient resources, e.g. too many connections), 57
     * (operator intervention: query cancelled, admin shutdown, cannot connect now), 55P03 (lock not
     * available), 25006 (read-only transaction: a standby promoted meanwhile). H2's connection
     * errors use class 08 and 90067 (connection broken) too.
     */
    public static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TransientDataAccessException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof SQLTransientException
                    || cause instanceof SQLRecoverableException) {
                return true;
            }
            if (cause instanceof SQLException sql && (transientState(sql.getSQLState()) || closedByThePool(sql))) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /**
     * The connection pool closed the connection under the caller's feet, after the database broke it:
     * HikariCP says so without a SQL state.
     */
    private static boolean closedByThePool(SQLException failure) {
        return failure.getSQLState() == null && "Connection is closed".equals(failure.getMessage());
    }

    private static boolean transientState(String state) {
        if (state == null || state.length() < 2) {
            return false;
        }
        String type = state.substring(0, 2);
        return type.equals("08")
                || type.equals("40")
                || type.equals("53")
                || type.equals("57")
                || state.equals("55P03")
                || state.equals("25006")
                || state.equals("90067");
    }

    /**
     * Whether the failure is the connection pool's timeout: the database could not be reached for a
     * connection at all, so trying again at once would only make the caller wait longer for its 503.
     */
    public static boolean isUnreachable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /**
     * Reads are safe to repeat: one that failed transiently (a deadlock with a read-model switch, a
     * cancelled statement, a broken connection) is tried again a few times before the caller sees an
     * error, unless the database could not be reached at all. Call it outside any transaction: a
     * transaction that saw the failure is aborted.
     */
    public static <T> T retried(Supplier<T> read) {
        for (int attempt = 1; ; attempt++) {
            try {
                return read.get();
            } catch (RuntimeException failure) {
                if (attempt == ATTEMPTS || !isTransient(failure) || isUnreachable(failure)) {
                    throw failure;
                }
                LockSupport.parkNanos(attempt * 20_000_000L);
            }
        }
    }
}
