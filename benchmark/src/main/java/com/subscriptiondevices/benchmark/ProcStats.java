package com.subscriptiondevices.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What Linux's /proc tells about a process and the machine: memory, and CPU time in clock ticks. */
final class ProcStats {

    /** USER_HZ: the unit of /proc CPU times. 100 on every Linux this runs on; getconf confirms it. */
    static final long CLOCK_TICKS = clockTicks();

    private ProcStats() {}

    /** The {@code kB} lines of /proc/PID/status (VmRSS, VmHWM, ...), in kB; empty when the process is gone. */
    static Map<String, Long> memoryKb(long pid) {
        try {
            return parseStatus(Files.readAllLines(Path.of("/proc/" + pid + "/status")));
        } catch (IOException e) {
            return Map.of();
        }
    }

    static Map<String, Long> parseStatus(List<String> lines) {
        Map<String, Long> values = new LinkedHashMap<>();
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon < 0 || !line.endsWith(" kB")) {
                continue;
            }
            String number = line.substring(colon + 1, line.length() - 3).trim();
            values.put(line.substring(0, colon), Long.parseLong(number));
        }
        return values;
    }

    /** User plus system CPU time of a process, in seconds; NaN when it is gone. */
    static double processCpuSeconds(long pid) {
        try {
            return parseProcessTicks(Files.readString(Path.of("/proc/" + pid + "/stat"))) / (double) CLOCK_TICKS;
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    /** utime + stime: fields 14 and 15 of /proc/PID/stat, counted after the command name's closing parenthesis. */
    static long parseProcessTicks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        // fields[0] is field 3 (state), so field n is fields[n - 3]
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** The machine's CPU ticks since boot: {total, idle (idle + iowait)} over all cores. */
    static long[] machineTicks() {
        try {
            return parseMachineTicks(Files.readAllLines(Path.of("/proc/stat")).get(0));
        } catch (IOException e) {
            return new long[] {0, 0};
        }
    }

    static long[] parseMachineTicks(String cpuLine) {
        String[] fields = cpuLine.trim().split("\\s+");
        long total = 0;
        // user nice system idle iowait irq softirq steal (guest time is counted in user already)
        for (int i = 1; i < Math.min(fields.length, 9); i++) {
            total += Long.parseLong(fields[i]);
        }
        long idle = Long.parseLong(fields[4]) + (fields.length > 5 ? Long.parseLong(fields[5]) : 0);
        return new long[] {total, idle};
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static long clockTicks() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
            String out = new String(getconf.getInputStream().readAllBytes()).trim();
            getconf.waitFor();
            return Long.parseLong(out);
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
