package com.subscriptiondevices.benchmark;

import java.util.ArrayList;
import java.util.List;

/**
 * What a row must reach, from the issue: a ratio to its in-run baseline, a floor or a ceiling on its
 * result, a ceiling on its p99. Every condition given must hold; a missing figure never meets one.
 */
record Target(Double minRatio, Double minValue, Double maxValue, Double maxP99Ms) {

    static Target ratioAtLeast(double ratio) {
        return new Target(ratio, null, null, null);
    }

    static Target atMost(double value) {
        return new Target(null, null, value, null);
    }

    static Target p99AtMost(double milliseconds) {
        return new Target(null, null, null, milliseconds);
    }

    Target andP99AtMost(double milliseconds) {
        return new Target(minRatio, minValue, maxValue, milliseconds);
    }

    Target andAtLeast(double value) {
        return new Target(minRatio, value, maxValue, maxP99Ms);
    }

    boolean met(Double ratio, double value, Double p99Ms) {
        boolean met = true;
        if (minRatio != null) {
            met &= ratio != null && !ratio.isNaN() && ratio >= minRatio;
        }
        if (minValue != null) {
            met &= !Double.isNaN(value) && value >= minValue;
        }
        if (maxValue != null) {
            met &= !Double.isNaN(value) && value <= maxValue;
        }
        if (maxP99Ms != null) {
            met &= p99Ms != null && !p99Ms.isNaN() && p99Ms <= maxP99Ms;
        }
        return met;
    }

    String describe(String unit) {
        List<String> parts = new ArrayList<>();
        if (minRatio != null) {
            parts.add("≥ " + Numbers.ratio(minRatio));
        }
        if (minValue != null) {
            parts.add("≥ " + Numbers.limit(minValue, unit));
        }
        if (maxValue != null) {
            parts.add("≤ " + Numbers.limit(maxValue, unit));
        }
        if (maxP99Ms != null) {
            parts.add("p99 ≤ " + Numbers.limit(maxP99Ms, "ms"));
        }
        return String.join(", ", parts);
    }
}
