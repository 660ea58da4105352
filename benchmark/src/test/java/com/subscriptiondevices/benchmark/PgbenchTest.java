package com.subscriptiondevices.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class PgbenchTest {

    /** What the service sends for one write; WriteStatementsIT holds the service to the same file. */
    private static Map<String, String> writeStatements() throws IOException {
        Map<String, String> writes = new java.util.HashMap<>();
        for (String line : Files.readAllLines(Path.of("..", "bench", "write-statements.txt"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                writes.put(
                        line.substring(0, line.indexOf(' ')),
                        line.substring(line.indexOf(' ') + 1).strip());
            }
        }
        return writes;
    }

    @Test
    void theCeilingsSendTheStatementsOfTheServicesWrites() throws IOException {
        assertThat(Pgbench.roundTrips(Pgbench.POST_SCRIPT))
                .isEqualTo(writeStatements().get("POST"));
        assertThat(Pgbench.roundTrips(Pgbench.PATCH_SCRIPT))
                .isEqualTo(writeStatements().get("PATCH"));
    }

    @Test
    void roundTripsFollowPipelinesAndLeaveBeginWithTheNextStatement() {
        String script = "\\set seq :seq + 1\n\\startpipeline\nbegin;\nsavepoint s;\nrelease savepoint s;\n"
                + "insert into bench_write_event (a)\n values (1);\n\\endpipeline\n"
                + "update bench_write_device set a = 1;\ncommit;\n";

        assertThat(Pgbench.roundTrips(script))
                .isEqualTo("savepoint + release + insert domainevententry | update device_view | commit");
    }

    private static final String OUTPUT =
            """
            pgbench (15.20 (Debian 15.20-0+deb12u1))
            transaction type: /tmp/pgbench-insert-event.sql
            scaling factor: 1
            query mode: prepared
            number of clients: 8
            number of threads: 2
            maximum number of tries: 1
            duration: 15 s
            number of transactions actually processed: 108345
            number of failed transactions: 0 (0.000%)
            latency average = 1.107 ms
            initial connection time = 21.380 ms
            tps = 7223.123456 (without initial connection time)
            0m0.004s 0m0.000s
            1m2.500s 0m0.750s
            """;

    @Test
    void reads_tps_failures_and_its_own_cpu_time_from_the_output() {
        assertThat(Pgbench.tps(OUTPUT)).isEqualTo(7223.123456);
        assertThat(Pgbench.failed(OUTPUT)).isZero();
        assertThat(Pgbench.childCpuSeconds(OUTPUT)).isEqualTo(63.25);
        assertThatThrownBy(() -> Pgbench.tps("pgbench: error: connection refused"))
                .hasMessageContaining("No tps");
    }

    @Test
    void reads_latencies_in_microseconds_from_the_transaction_log() {
        Histogram histogram = Round.newHistogram();
        Pgbench.addLogLine(histogram, "0 1 1520 0 1732350000 123456");
        Pgbench.addLogLine(histogram, "3 7 980 0 1732350000 223456");
        Pgbench.addLogLine(histogram, "garbage");

        assertThat(histogram.getTotalCount()).isEqualTo(2);
        assertThat(histogram.getMaxValue()).isBetween(1519L, 1521L);
    }
}
