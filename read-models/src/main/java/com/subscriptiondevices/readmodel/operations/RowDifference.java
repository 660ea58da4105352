package com.subscriptiondevices.readmodel.operations;

/**
 * One row of a read model that differs from a replay of the event store.
 *
 * @param problem MISSING (the replay has it, the table not), UNEXPECTED (the other way round), or
 *     DIFFERENT followed by the names of the columns that differ
 */
public record RowDifference(String table, String key, String problem) {}
