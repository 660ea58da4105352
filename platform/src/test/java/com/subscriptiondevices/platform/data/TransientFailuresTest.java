package com.subscriptiondevices.platform.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

class TransientFailuresTest {

    @Test
    void broken_connections_cancelled_statements_deadlocks_and_shutdowns_are_transient() {
        for (String state : new String[] {"08006", "08001", "57014", "57P01", "40001", "40P01", "53300", "55P03"}) {
            assertThat(TransientFailures.isTransient(
                            new TransactionSystemException("commit", new SQLException("failed", state))))
                    .as(state)
                    .isTrue();
        }
        assertThat(TransientFailures.isTransient(new CannotCreateTransactionException("no connection")))
                .isTrue();
        assertThat(TransientFailures.isTransient(new SQLException("Connection is closed")))
                .as("the pool closed it")
                .isTrue();
    }

    @Test
    void a_refusal_of_the_database_or_a_bug_is_not_transient() {
        assertThat(TransientFailures.isTransient(
                        new DataIntegrityViolationException("dup", new SQLException("duplicate key", "23505"))))
                .isFalse();
        assertThat(TransientFailures.isTransient(new SQLException("raised", "P0001")))
                .isFalse();
        assertThat(TransientFailures.isTransient(new IllegalStateException("bug")))
                .isFalse();
        assertThat(TransientFailures.isTransient(new SQLException("no state"))).isFalse();
    }

    @Test
    void an_unreachable_database_is_the_pools_timeout() {
        SQLTransientConnectionException timeout = new SQLTransientConnectionException("request timed out");
        assertThat(TransientFailures.isUnreachable(new CannotGetJdbcConnectionException("none", timeout)))
                .isTrue();
        assertThat(TransientFailures.isUnreachable(new SQLException("broken", "08006")))
                .isFalse();
    }

    @Test
    void a_read_is_asked_again_after_a_transient_failure_but_not_when_the_database_is_unreachable() {
        AtomicInteger attempts = new AtomicInteger();
        String answer = TransientFailures.retried(() -> {
            if (attempts.incrementAndGet() < 3) {
                throw new TransactionSystemException("cancelled", new SQLException("cancelled", "57014"));
            }
            return "read";
        });
        assertThat(answer).isEqualTo("read");
        assertThat(attempts).hasValue(3);

        AtomicInteger unreachable = new AtomicInteger();
        assertThatThrownBy(() -> TransientFailures.retried(() -> {
                    unreachable.incrementAndGet();
                    throw new CannotGetJdbcConnectionException(
                            "none", new SQLTransientConnectionException("request timed out"));
                }))
                .isInstanceOf(CannotGetJdbcConnectionException.class);
        assertThat(unreachable)
                .as("not asked again: the caller learns it at once")
                .hasValue(1);
    }
}
