package com.subscriptiondevices.readmodel;

/**
 * One row of a read-model table, exactly as it is stored: the live tables and the in-memory copy a
 * verification replays hold the same records, so two rows are equal when they store the same values.
 */
public interface StoredRow {

    /** The table the row belongs to. */
    String table();

    /** The row's primary key. */
    Object key();
}
