package com.subscriptiondevices.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.transaction.CannotCreateTransactionException;

class DisconnectedClientsTest {

    private final DisconnectedClients resolver = new DisconnectedClients();

    @Test
    void a_client_that_hung_up_gets_no_answer() {
        assertThat(resolve(new IOException("Broken pipe"))).isNotNull();
        assertThat(resolve(new EOFException()))
                .as("the request body ended early")
                .isNotNull();
    }

    @Test
    void the_database_connection_ending_is_left_to_the_api_handler_which_answers_503() {
        SQLException connectionEnded = new SQLException("An I/O error occurred while sending to the backend.", "08006");
        connectionEnded.initCause(new EOFException());
        assertThat(resolve(new CannotCreateTransactionException("Could not open JDBC Connection", connectionEnded)))
                .isNull();
    }

    private Object resolve(Exception failure) {
        return resolver.resolveException(
                new MockHttpServletRequest("POST", "/v2/orgs/yoigo/subscriptions"),
                new MockHttpServletResponse(),
                null,
                failure);
    }
}
