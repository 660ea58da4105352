package com.subscriptiondevices.command.hub;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.common.AxonThreadFactory;

/**
 * The hub's threads (its fan-out and its deliveries): at {@link Thread#MIN_PRIORITY}, so that they wait for
 * the requests when the cores are busy, not the other way round. The JVM passes a thread's priority to Linux only when it is
 * started with {@code -XX:ThreadPriorityPolicy=1 -XX:JavaPriority1_To_OSPriority=19} (README's run
 * commands): these threads then run at nice 19, and take what the requests leave of the CPU. Without the
 * options they run as the requests do.
 */
public final class BackgroundThreads {

    private BackgroundThreads() {}

    /** Daemon threads named {@code prefix-1}, {@code prefix-2}... */
    public static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
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
        return new AxonThreadFactory(Thread.MIN_PRIORITY, new ThreadGroup(processorName));
    }

    /** The nice value in a {@code /proc/<pid>/task/<tid>/stat} line: the 19th field, counted past the name. */
    public static OptionalInt niceOf(String stat) {
        int nameEnd = stat.lastIndexOf(')');
        if (nameEnd < 0) {
            return OptionalInt.empty();
        }
        String[] fields = stat.substring(nameEnd + 1).trim().split(" ");
        // fields[0] is the state, the 3rd field of the line: the nice value (19th) is fields[16]
        return fields.length > 16 ? OptionalInt.of(Integer.parseInt(fields[16])) : OptionalInt.empty();
    }
}
