package com.subscriptiondevices.benchmark;

import java.util.ArrayList;
import java.util.List;

/**
 * The one table a run prints: a Markdown table, padded so it reads in a terminal too, and pasted
 * as it is into the README.
 */
final class ResultTable {

    static final List<String> HEADER = List.of(
            "Scenario",
            "Clients",
            "Result",
            "p50 ms",
            "p95 ms",
            "p99 ms",
            "Baseline (same run)",
            "Ratio",
            "Target",
            "Met",
            "Gen CPU");

    private static final boolean[] RIGHT = {false, true, true, true, true, true, false, true, false, false, true};

    private ResultTable() {}

    static List<String> cells(Row row) {
        Boolean met = row.met();
        return List.of(
                row.name,
                row.clients == null ? "" : row.clients.toString(),
                Numbers.value(row.value, row.unit),
                Numbers.milliseconds(row.p50Ms),
                Numbers.milliseconds(row.p95Ms),
                Numbers.milliseconds(row.p99Ms),
                row.baselineText(),
                row.baselineName == null ? "" : Numbers.ratio(row.ratio()),
                row.targetText(),
                met == null ? "" : met ? "yes" : "NO",
                Numbers.percent(row.generatorCpuPercent));
    }

    static String format(List<Row> rows) {
        List<List<String>> lines = new ArrayList<>();
        lines.add(HEADER);
        rows.forEach(row -> lines.add(cells(row)));
        int[] widths = new int[HEADER.size()];
        for (List<String> line : lines) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        StringBuilder table = new StringBuilder();
        append(table, lines.get(0), widths);
        table.append('|');
        for (int i = 0; i < widths.length; i++) {
            table.append(RIGHT[i] ? "-".repeat(widths[i] + 1) + ":|" : ":" + "-".repeat(widths[i] + 1) + "|");
        }
        table.append('\n');
        for (List<String> line : lines.subList(1, lines.size())) {
            append(table, line, widths);
        }
        return table.toString();
    }

    private static void append(StringBuilder table, List<String> cells, int[] widths) {
        table.append('|');
        for (int i = 0; i < widths.length; i++) {
            String cell = cells.get(i);
            String padding = " ".repeat(widths[i] - cell.length());
            table.append(' ').append(RIGHT[i] ? padding + cell : cell + padding).append(" |");
        }
        table.append('\n');
    }
}
