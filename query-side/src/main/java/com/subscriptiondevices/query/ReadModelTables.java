package com.subscriptiondevices.query;

/**
 * Which set of read-model tables a projection writes: the live ones that reads use, or their shadows
 * that a rebuild fills before they are switched in.
 */
public record ReadModelTables(String suffix) {

    public static final ReadModelTables LIVE = new ReadModelTables("");
    public static final ReadModelTables SHADOW = new ReadModelTables("_shadow");

    /** The name of {@code table} in this set. */
    public String of(String table) {
        return table + suffix;
    }
}
