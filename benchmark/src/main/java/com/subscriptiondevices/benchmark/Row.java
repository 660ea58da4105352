package com.subscriptiondevices.benchmark;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of the table: a baseline or a scenario, its result (a rate, or a time or size for
 * start-up and memory), latencies, the in-run baseline it is compared with, and its target.
 */
final class Row {

    final String name;
    final Integer clients;
    final double value;
    final String unit;
    Double p50Ms;
    Double p95Ms;
    Double p99Ms;
    String baselineName;
    Double baselineValue;
    String baselineUnit;
    Target target;
    /** The load generator's CPU while this row ran, in % of the whole machine (every core). */
    Double generatorCpuPercent;

    final Map<String, Object> details = new LinkedHashMap<>();

    Row(String name, Integer clients, double value, String unit) {
        this.name = name;
        this.clients = clients;
        this.value = value;
        this.unit = unit;
    }

    static Row of(String name, Integer clients, Measurement measurement) {
        Row row = new Row(name, clients, measurement.throughput(), measurement.unit());
        row.p50Ms = measurement.percentileMs(50);
        row.p95Ms = measurement.percentileMs(95);
        row.p99Ms = measurement.percentileMs(99);
        row.generatorCpuPercent = measurement.generatorCpuPercent();
        row.details.putAll(measurement.describe());
        return row;
    }

    Row against(Row baseline) {
        return against(baseline.name, baseline.value, baseline.unit);
    }

    Row against(String name, double value, String unit) {
        this.baselineName = name;
        this.baselineValue = value;
        this.baselineUnit = unit;
        return this;
    }

    Row target(Target target) {
        this.target = target;
        return this;
    }

    Row detail(String key, Object value) {
        details.put(key, value);
        return this;
    }

    Double ratio() {
        if (baselineValue == null || baselineValue.isNaN() || baselineValue == 0 || Double.isNaN(value)) {
            return null;
        }
        return value / baselineValue;
    }

    /** Whether the target is met; null when the row has none. */
    Boolean met() {
        return target == null ? null : target.met(ratio(), value, p99Ms);
    }

    String baselineText() {
        return baselineName == null ? "" : baselineName + ": " + Numbers.value(baselineValue, baselineUnit);
    }

    String targetText() {
        return target == null ? "" : target.describe(unit);
    }

    Map<String, Object> describe() {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("scenario", name);
        description.put("clients", clients);
        description.put("value", value);
        description.put("unit", unit);
        description.put("p50_ms", p50Ms);
        description.put("p95_ms", p95Ms);
        description.put("p99_ms", p99Ms);
        description.put("baseline", baselineName);
        description.put("baseline_value", baselineValue);
        description.put("baseline_unit", baselineUnit);
        description.put("ratio", ratio());
        description.put("target", target == null ? null : targetText());
        description.put("met", met());
        description.put("generator_cpu_percent_of_machine", generatorCpuPercent);
        description.putAll(details);
        return description;
    }
}
