package com.subscriptiondevices.benchmark;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** What the figures were measured on; they mean little without it. */
final class Machine {

    private Machine() {}

    static Map<String, Object> describe(Connection jdbc) throws SQLException {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("host", hostname());
        machine.put("cores", CpuMeter.CORES);
        machine.put("cpu", firstValue(Path.of("/proc/cpuinfo"), "model name"));
        String memTotal = firstValue(Path.of("/proc/meminfo"), "MemTotal");
        machine.put(
                "memory_gb",
                memTotal == null
                        ? null
                        : Math.round(Long.parseLong(memTotal.replace("kB", "").trim()) / 1048576.0));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        try (Statement statement = jdbc.createStatement();
                ResultSet version = statement.executeQuery("show server_version")) {
            version.next();
            machine.put("postgresql", version.getString(1));
        }
        machine.put("load_average_at_start", ProcStats.loadAverage());
        machine.put("busy_percent_before_run", busyPercent(3_000));
        return machine;
    }

    /** How busy the machine was over a short window, in % of all cores: other work skews every figure. */
    static double busyPercent(long millis) {
        long[] before = ProcStats.machineTicks();
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long[] after = ProcStats.machineTicks();
        long total = after[0] - before[0];
        return total > 0 ? 100.0 * (total - (after[1] - before[1])) / total : Double.NaN;
    }

    static String load(Map<String, Object> machine) {
        return String.format(
                Locale.ROOT,
                "load average %s; %.0f%% busy in the 3 s before the run",
                machine.get("load_average_at_start"),
                (Double) machine.get("busy_percent_before_run"));
    }

    static String summary(Map<String, Object> machine) {
        return machine.get("cores") + " cores (" + machine.get("cpu") + "), " + machine.get("memory_gb") + " GB, "
                + "PostgreSQL " + machine.get("postgresql") + ", " + machine.get("jdk") + ", " + machine.get("os");
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String firstValue(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(key)) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException ignored) {
            // not Linux: left out
        }
        return null;
    }
}
