package com.subscriptiondevices.command.hub;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.common.AxonThreadFactory;

/**
 * The hub's threads (its fan-out and its deliveries) run behind the requests: when the cores are busy they
 * wait, not the other way round. On Linux each asks, as it starts, for the kernel's idle scheduling class
 * ({@code SCHED_IDLE}, see sched(7)): a thread in it runs only on CPU time no other thread of the machine
 * wants, and any other thread that wakes takes its CPU at once, a PostgreSQL backend serving a request
 * included. Lowering one's own class needs no privilege. Nice 19 alone (Java's {@link Thread#MIN_PRIORITY}
 * with the JVM options {@code -XX:ThreadPriorityPolicy=1 -XX:JavaPriority1_To_OSPriority=19}) ranks a
 * thread only against its own process's: Linux weighs the process's scheduling group (its session's
 * autogroup, or its container's cgroup) against PostgreSQL's as a whole, so the hub still took about a fifth
 * of a core of the database's share while the writes saturated the cores. The threads keep
 * {@code MIN_PRIORITY} too, for where the idle class cannot be had (another system, no native access):
 * there they run at nice 19 with the options, and as the requests do without them.
 */
public final class BackgroundThreads {

    /** The idle scheduling class's number, as {@link #policy()} gives it. */
    public static final int SCHED_IDLE = IdleScheduling.SCHED_IDLE;

    private BackgroundThreads() {}

    /** Daemon threads named {@code prefix-1}, {@code prefix-2}... */
    public static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(behind(runnable), prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            thread.setPriority(Thread.MIN_PRIORITY);
            return thread;
        };
    }

    /** The calling thread's nice value as Linux has it, or empty where there is no {@code /proc/thread-self}. */
    public static OptionalInt nice() {
        try {
            return niceOf(Files.readString(Path.of("/proc/thread-self/stat")));
        } catch (IOException | RuntimeException elsewhere) {
            return OptionalInt.empty();
        }
    }

    /** Threads of the processor's own group and names, as Axon's default factory makes them. */
    public static ThreadFactory processor(String processorName) {
        AxonThreadFactory axon = new AxonThreadFactory(Thread.MIN_PRIORITY, new ThreadGroup(processorName));
        return runnable -> axon.newThread(behind(runnable));
    }

    /** The runnable, first putting the thread that runs it in the idle scheduling class (where it can). */
    private static Runnable behind(Runnable runnable) {
        return () -> {
            IdleScheduling.enter();
            runnable.run();
        };
    }

    /**
     * The calling thread's scheduling policy as Linux has it ({@code 0} normal, {@code 5} idle), or empty
     * where there is no {@code /proc/thread-self}.
     */
    public static OptionalInt policy() {
        try {
            return policyOf(Files.readString(Path.of("/proc/thread-self/stat")));
        } catch (IOException | RuntimeException elsewhere) {
            return OptionalInt.empty();
        }
    }

    /** The scheduling policy in a {@code /proc/<pid>/task/<tid>/stat} line: its 41st field. */
    public static OptionalInt policyOf(String stat) {
        return field(stat, 41);
    }

    /** The nice value in a {@code /proc/<pid>/task/<tid>/stat} line: the 19th field, counted past the name. */
    public static OptionalInt niceOf(String stat) {
        return field(stat, 19);
    }

    /** The {@code number}th field (from 1) of a {@code stat} line, counted past the name, which may hold spaces. */
    private static OptionalInt field(String stat, int number) {
        int nameEnd = stat.lastIndexOf(')');
        if (nameEnd < 0) {
            return OptionalInt.empty();
        }
        String[] fields = stat.substring(nameEnd + 1).trim().split(" ");
        // fields[0] is the state, the 3rd field of the line
        int index = number - 3;
        return fields.length > index ? OptionalInt.of(Integer.parseInt(fields[index])) : OptionalInt.empty();
    }
}
