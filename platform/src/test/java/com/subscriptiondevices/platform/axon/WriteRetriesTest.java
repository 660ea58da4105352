package com.subscriptiondevices.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import com.subscriptiondevices.api.error.DomainException;
import com.subscriptiondevices.api.error.ErrorCode;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionSystemException;

class WriteRetriesTest {

    @Test
    void a_lost_append_race_and_a_transient_failure_are_tried_again() {
        assertThat(WriteRetries.worthRetrying(new ConcurrencyException("raced")))
                .isTrue();
        assertThat(WriteRetries.worthRetrying(
                        new TransactionSystemException("killed", new SQLException("terminated", "57P01"))))
                .isTrue();
        assertThat(WriteRetries.worthRetrying(new CommitOutcomes.NotCommitted(new IllegalStateException("broke"))))
                .isTrue();
    }

    @Test
    void a_refusal_an_unreachable_database_and_an_unknown_outcome_are_not() {
        assertThat(WriteRetries.worthRetrying(new DomainException(ErrorCode.ICCID_IN_USE, "taken")))
                .isFalse();
        assertThat(WriteRetries.worthRetrying(new AggregateStreamCreationException("exists")))
                .isFalse();
        assertThat(WriteRetries.worthRetrying(new CannotGetJdbcConnectionException(
                        "none", new SQLTransientConnectionException("request timed out"))))
                .isFalse();
        assertThat(WriteRetries.worthRetrying(
                        new CommitOutcomes.OutcomeUnknown("e-1", new IllegalStateException("broke"))))
                .isFalse();
    }
}
