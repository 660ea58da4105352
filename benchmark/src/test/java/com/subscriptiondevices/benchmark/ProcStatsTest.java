package com.subscriptiondevices.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProcStatsTest {

    @Test
    void reads_resident_memory_and_its_peak_from_proc_status() {
        var kb = ProcStats.parseStatus(
                List.of("Name:\tjava", "VmHWM:\t  612340 kB", "VmRSS:\t  524288 kB", "Threads:\t57"));

        assertThat(kb)
                .containsEntry("VmRSS", 524288L)
                .containsEntry("VmHWM", 612340L)
                .doesNotContainKey("Threads");
    }

    @Test
    void reads_cpu_ticks_after_a_command_name_with_spaces_and_parentheses() {
        String stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 1000 0 0 0 250 75 0 0 20 0 40 0 100 0 0";

        assertThat(ProcStats.parseProcessTicks(stat)).isEqualTo(325);
    }

    @Test
    void counts_idle_and_iowait_as_idle_machine_time() {
        long[] ticks = ProcStats.parseMachineTicks("cpu  100 5 50 800 20 1 2 3 0 0");

        assertThat(ticks[0]).isEqualTo(981);
        assertThat(ticks[1]).isEqualTo(820);
    }
}
