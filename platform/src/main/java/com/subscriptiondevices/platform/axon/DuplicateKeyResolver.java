package com.subscriptiondevices.platform.axon;

import java.sql.SQLException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;

/**
 * Recognizes a unique-key violation (SQLSTATE 23505, on PostgreSQL and H2 alike) anywhere in the
 * failure, including the "next exception" of a failed JDBC batch, where PostgreSQL reports it. Axon
 * then reports an append conflict (retried) or an aggregate that exists already (409), not a 500.
 */
final class DuplicateKeyResolver implements PersistenceExceptionResolver {

    private static final String UNIQUE_VIOLATION = "23505";

    @Override
    public boolean isDuplicateKeyViolation(Exception failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                for (SQLException next = sql; next != null; next = next.getNextException()) {
                    if (UNIQUE_VIOLATION.equals(next.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
