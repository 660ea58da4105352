package com.subscriptiondevices.platform.axon;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The head of the event store, as the database has it: the same for every instance. */
@Component
public class StoredPositions {

    private final JdbcClient jdbc;

    StoredPositions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The global index of the newest event; 0 for an empty store. */
    public long head() {
        return jdbc.sql("select coalesce(max(globalindex), 0) from domainevententry")
                .query(Long.class)
                .single();
    }
}
