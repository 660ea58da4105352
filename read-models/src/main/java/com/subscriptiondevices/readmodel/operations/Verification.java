package com.subscriptiondevices.readmodel.operations;

import java.util.List;

/**
 * What a verification found: the live version's rows compared with a replay of the event store in
 * memory through the same projection.
 *
 * @param checked rows compared (the replay's and the live tables', each row once)
 * @param differing rows missing from the live tables, there but not in the replay, or different
 * @param examples the first few differences: table, key and what differs (never the rows' values)
 */
public record Verification(String name, long checked, long differing, List<RowDifference> examples) {}
