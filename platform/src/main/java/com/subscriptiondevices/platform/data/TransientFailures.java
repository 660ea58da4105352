package com.subscriptiondevices.platform.data;

import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.springframework.dao.TransientDataAccessException;

/**
 * Reads are safe to repeat: one that lost a lock conflict (a deadlock with a read-model switch, for
 * example) is tried again a few times before the caller sees an error. Call it outside any
 * transaction: a transaction that saw the failure is aborted.
 */
public final class TransientFailures {

    private static final int ATTEMPTS = 4;

    private TransientFailures() {}

    public static <T> T retried(Supplier<T> read) {
        for (int attempt = 1; ; attempt++) {
            try {
                return read.get();
            } catch (RuntimeException failure) {
                if (attempt == ATTEMPTS || !transientFailure(failure)) {
                    throw failure;
                }
                LockSupport.parkNanos(attempt * 20_000_000L);
            }
        }
    }

    private static boolean transientFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TransientDataAccessException) {
                return true;
            }
        }
        return false;
    }
}
