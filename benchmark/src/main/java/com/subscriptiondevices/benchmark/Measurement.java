package com.subscriptiondevices.benchmark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * A scenario or baseline over all its rounds: the median round's throughput (these machines are
 * noisy), and latency percentiles of every round's requests together.
 */
final class Measurement {

    private final String unit;
    private final List<Round> rounds = new ArrayList<>();

    Measurement(String unit) {
        this.unit = unit;
    }

    Measurement add(Round round) {
        rounds.add(round);
        return this;
    }

    String unit() {
        return unit;
    }

    List<Round> rounds() {
        return rounds;
    }

    List<Double> throughputs() {
        return rounds.stream().map(Round::throughput).toList();
    }

    double throughput() {
        return Numbers.median(throughputs());
    }

    Histogram latencies() {
        Histogram all = null;
        for (Round round : rounds) {
            if (round.latenciesMicros() != null) {
                if (all == null) {
                    all = Round.newHistogram();
                }
                all.add(round.latenciesMicros());
            }
        }
        return all;
    }

    Double percentileMs(double percentile) {
        Histogram all = latencies();
        if (all == null || all.getTotalCount() == 0) {
            return null;
        }
        return all.getValueAtPercentile(percentile) / 1000.0;
    }

    Double generatorCpuPercent() {
        return Numbers.median(
                rounds.stream().map(r -> r.cpu().generatorPercent()).toList());
    }

    long errors() {
        return rounds.stream().mapToLong(Round::errors).sum();
    }

    Map<String, Object> describe() {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("rounds", throughputs());
        Histogram all = latencies();
        if (all != null && all.getTotalCount() > 0) {
            description.put("requests_measured", all.getTotalCount());
            description.put("mean_ms", all.getMean() / 1000.0);
            description.put("p99_9_ms", all.getValueAtPercentile(99.9) / 1000.0);
            description.put("max_ms", all.getMaxValue() / 1000.0);
        }
        description.put("errors", errors());
        List<String> samples = new ArrayList<>();
        rounds.forEach(r -> r.errorSamples().stream().limit(3).forEach(samples::add));
        if (!samples.isEmpty()) {
            description.put("error_samples", samples);
        }
        description.put(
                "service_cpu_percent_of_machine",
                Numbers.median(
                        rounds.stream().map(r -> r.cpu().servicePercent()).toList()));
        description.put(
                "machine_busy_percent",
                Numbers.median(
                        rounds.stream().map(r -> r.cpu().machineBusyPercent()).toList()));
        description.put(
                "generator_cpu_seconds",
                rounds.stream().mapToDouble(r -> r.cpu().generatorSeconds()).sum());
        return description;
    }
}
