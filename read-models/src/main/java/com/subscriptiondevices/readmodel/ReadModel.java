package com.subscriptiondevices.readmodel;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * A read model: its tables, declared once by the migrations at {@link #migrations()}, and the one
 * projection that writes them. The same projection code writes the live version inline with every
 * command, replays the event store into a new version for a rebuild, and replays events in memory
 * for verification and time travel.
 */
public interface ReadModel {

    /** The read model's name, also its processing group: {@code device-projection}. */
    String name();

    /** The schema of the live version; a rebuild builds {@code <schema>_next} and swaps the two. */
    String schema();

    /** The Flyway location of the migrations every version's schema is made from. */
    String migrations();

    /** The tables of a version, unqualified. */
    List<String> tables();

    /** The projection writing the tables of the version in {@code schema}. */
    Object projection(String schema);

    /**
     * The projection a rebuild replays the event store through into the version in {@code schema}: the
     * same rules, its writes may be held back and batched until the transaction commits.
     */
    default Object replayProjection(String schema) {
        return projection(schema);
    }

    /** A fresh, empty copy of the read model in memory, written by the same projection. */
    InMemoryCopy inMemory();

    /** The rows of the version in {@code schema} that belong to these subscriptions. */
    List<StoredRow> rowsOf(String schema, Collection<UUID> subscriptions);

    /** How many rows the version in {@code schema} holds, in all its tables. */
    long rowCount(String schema);

    /** A read model's rows held in memory: the projection that writes them, and what it wrote. */
    interface InMemoryCopy {

        Object projection();

        List<StoredRow> rowsOf(Collection<UUID> subscriptions);
    }
}
