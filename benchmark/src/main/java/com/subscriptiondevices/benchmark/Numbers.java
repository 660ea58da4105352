package com.subscriptiondevices.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How figures are written in the table: few digits, thousands grouped, the same everywhere. */
final class Numbers {

    private Numbers() {}

    static String value(double value, String unit) {
        if (Double.isNaN(value)) {
            return "–";
        }
        String number;
        double magnitude = Math.abs(value);
        if (magnitude >= 100 || value == Math.rint(value) && magnitude >= 10) {
            number = String.format(Locale.ROOT, "%,.0f", value);
        } else if (magnitude >= 10) {
            number = String.format(Locale.ROOT, "%.1f", value);
        } else {
            number = String.format(Locale.ROOT, "%.2f", value);
        }
        return unit == null || unit.isEmpty() ? number : number + " " + unit;
    }

    /** A limit as people write it: whole numbers without decimals ("8 s", "15,000 ev/s"). */
    static String limit(double value, String unit) {
        String number = value == Math.rint(value)
                ? String.format(Locale.ROOT, "%,.0f", value)
                : String.format(Locale.ROOT, "%,.2f", value);
        return unit == null || unit.isEmpty() ? number : number + " " + unit;
    }

    static String milliseconds(Double value) {
        if (value == null || value.isNaN()) {
            return "–";
        }
        if (value < 10) {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        if (value < 100) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    static String ratio(Double value) {
        if (value == null || value.isNaN()) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.2f×", value);
    }

    static String percent(Double value) {
        if (value == null || value.isNaN()) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.0f%%", value);
    }

    /** The median: the middle value, or the mean of the two middle ones. NaN for none. */
    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.removeIf(v -> v == null || v.isNaN());
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        sorted.sort(Double::compare);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
