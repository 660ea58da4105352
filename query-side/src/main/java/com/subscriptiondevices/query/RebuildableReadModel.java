package com.subscriptiondevices.query;

import java.util.List;

/** A read model that can be rebuilt from the event store into its shadow tables and switched in. */
public interface RebuildableReadModel {

    /** The processing group (and processor) that keeps the live tables. */
    String processingGroup();

    /** The live tables, by name; each has a shadow of the same shape. */
    List<String> tables();

    /** An event handler instance of the projection, writing to {@code tables}. */
    Object projection(ReadModelTables tables);
}
