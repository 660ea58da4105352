package com.subscriptiondevices.command.hub;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Linux's idle scheduling class for the calling thread ({@code sched_setscheduler(0, SCHED_IDLE, {0})}),
 * through JNA: Java has no API for a thread's scheduling policy. Where it cannot be had (not Linux, no
 * native access, refused) the thread stays as it was, and the first such thread says why in the log.
 */
final class IdleScheduling {

    private static final Logger log = LoggerFactory.getLogger(IdleScheduling.class);

    /** {@code SCHED_IDLE} in {@code <sched.h>}. */
    static final int SCHED_IDLE = 5;

    private static final AtomicBoolean told = new AtomicBoolean();

    private IdleScheduling() {}

    /** The C library's call; {@code param} is a {@code struct sched_param}, one int. */
    private interface CLibrary extends Library {
        int sched_setscheduler(int pid, int policy, int[] param);
    }

    /** Loaded on first use, so that a platform without it costs nothing until a hub thread starts. */
    private static final class Loaded {
        static final CLibrary C = Platform.isLinux() ? Native.load("c", CLibrary.class) : null;
    }

    /** Puts the calling thread in the idle class; true when it is there. */
    static boolean enter() {
        try {
            CLibrary c = Loaded.C;
            if (c == null) {
                tell("not Linux");
                return false;
            }
            // pid 0: the calling thread (Linux schedules threads, and the call applies to the caller alone)
            if (c.sched_setscheduler(0, SCHED_IDLE, new int[] {0}) != 0) {
                tell("sched_setscheduler refused it (errno " + Native.getLastError() + ")");
                return false;
            }
            return true;
        } catch (LinkageError | RuntimeException unavailable) {
            tell(unavailable.toString());
            return false;
        }
    }

    private static void tell(String why) {
        if (told.compareAndSet(false, true)) {
            log.info("The hub's threads stay in the normal scheduling class: {}", why);
        }
    }
}
