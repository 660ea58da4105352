package com.subscriptiondevices.command.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class BackgroundThreadsTest {

    @Test
    void hub_threads_are_named_daemons_at_the_lowest_priority() {
        ThreadFactory factory = BackgroundThreads.named("hub-send");
        Thread first = factory.newThread(() -> {});
        Thread second = factory.newThread(() -> {});

        assertThat(first.getName()).isEqualTo("hub-send-1");
        assertThat(second.getName()).isEqualTo("hub-send-2");
        assertThat(first.isDaemon()).isTrue();
        assertThat(first.getPriority()).isEqualTo(Thread.MIN_PRIORITY);
    }

    @Test
    void a_processors_threads_are_named_as_axon_names_them_at_the_lowest_priority() {
        Thread thread = BackgroundThreads.processor("hub").newThread(() -> {});

        assertThat(thread.getName()).isEqualTo("hub-0");
        assertThat(thread.getThreadGroup().getName()).isEqualTo("hub");
        assertThat(thread.getPriority()).isEqualTo(Thread.MIN_PRIORITY);
    }

    @Test
    void reads_the_nice_value_past_a_name_with_spaces_and_parentheses() {
        // a real line of /proc/<pid>/task/<tid>/stat for a thread at nice 19 (fields 18 and 19: 39 19)
        String stat = "7123 (hub-send (1) x) S 7001 7001 6950 0 -1 1077936192 150 0 0 0 12 3 0 0 39 19 41 0"
                + " 2870 3040550912 107806 18446744073709551615 1 1 0 0 0 0 4 0 16800975 0 0 0 -1 1 0 0 0 0 0";

        assertThat(BackgroundThreads.niceOf(stat)).isEqualTo(OptionalInt.of(19));
        assertThat(BackgroundThreads.niceOf(stat.replace(" 39 19 ", " 20 0 "))).isEqualTo(OptionalInt.of(0));
        assertThat(BackgroundThreads.niceOf("garbage")).isEmpty();
    }

    @Test
    void reads_the_scheduling_policy_past_a_name_with_spaces_and_parentheses() {
        // the line above's fields 38 to 41: exit signal -1, processor 1, real-time priority 0, policy 0 or 5
        String stat = "7123 (hub-send (1) x) S 7001 7001 6950 0 -1 1077936192 150 0 0 0 12 3 0 0 39 19 41 0"
                + " 2870 3040550912 107806 18446744073709551615 1 1 0 0 0 0 4 0 16800975 0 0 0 -1 1 0 5 0 0 0";

        assertThat(BackgroundThreads.policyOf(stat)).isEqualTo(OptionalInt.of(BackgroundThreads.SCHED_IDLE));
        assertThat(BackgroundThreads.policyOf(stat.replace(" -1 1 0 5 ", " -1 1 0 0 ")))
                .isEqualTo(OptionalInt.of(0));
        assertThat(BackgroundThreads.policyOf("garbage")).isEmpty();
    }

    /** On Linux (where the build and CI run), a hub thread is in the idle class from its start; its creator is not. */
    @Test
    void hub_threads_run_in_linuxs_idle_scheduling_class() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/thread-self")), "Linux's /proc, where the class can be read");
        AtomicReference<OptionalInt> named = new AtomicReference<>();
        AtomicReference<OptionalInt> processor = new AtomicReference<>();

        Thread first = BackgroundThreads.named("hub-send").newThread(() -> named.set(BackgroundThreads.policy()));
        Thread second = BackgroundThreads.processor("hub").newThread(() -> processor.set(BackgroundThreads.policy()));
        first.start();
        second.start();
        first.join();
        second.join();

        assertThat(named.get()).hasValue(BackgroundThreads.SCHED_IDLE);
        assertThat(processor.get()).hasValue(BackgroundThreads.SCHED_IDLE);
        assertThat(BackgroundThreads.policy()).as("the test's own thread").hasValue(0);
    }
}
