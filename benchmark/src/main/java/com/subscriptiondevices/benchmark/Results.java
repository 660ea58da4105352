package com.subscriptiondevices.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The run's results as files: everything as JSON, and the table's rows as CSV. */
final class Results {

    private static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    static final List<String> CSV_COLUMNS = List.of(
            "scenario",
            "clients",
            "value",
            "unit",
            "p50_ms",
            "p95_ms",
            "p99_ms",
            "baseline",
            "baseline_value",
            "baseline_unit",
            "ratio",
            "target",
            "met",
            "generator_cpu_percent_of_machine");

    private Results() {}

    @SuppressWarnings("unchecked")
    static void write(Path json, Path csv, Map<String, Object> results) throws IOException {
        Files.writeString(json, JSON.writeValueAsString(clean(results)) + "\n");
        StringBuilder lines = new StringBuilder(String.join(",", CSV_COLUMNS)).append('\n');
        for (Object row : (List<Object>) results.get("rows")) {
            Map<String, Object> values = (Map<String, Object>) row;
            List<String> cells = new ArrayList<>();
            for (String column : CSV_COLUMNS) {
                cells.add(csvCell(clean(values.get(column))));
            }
            lines.append(String.join(",", cells)).append('\n');
        }
        Files.writeString(csv, lines);
    }

    static String csvCell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (text.contains(",") || text.contains("\"") || text.contains("\n")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }

    /** JSON has no NaN: a figure that could not be measured is null. */
    static Object clean(Object value) {
        if (value instanceof Double number && (number.isNaN() || number.isInfinite())) {
            return null;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> cleaned = new LinkedHashMap<>();
            map.forEach((key, item) -> cleaned.put(key, clean(item)));
            return cleaned;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Results::clean).toList();
        }
        return value;
    }
}
