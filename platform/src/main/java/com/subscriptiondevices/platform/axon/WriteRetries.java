package com.subscriptiondevices.platform.axon;

import com.subscriptiondevices.platform.data.TransientFailures;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * Which failed commands are tried again, on the latest state, and how often. An append that lost a race
 * with another process is retried; so is a write that met a transient failure of the database (a broken
 * connection, a cancelled statement, a deadlock), which stored nothing. A command is never retried when
 * the database could not even be reached within the pool's timeout (the caller should learn that at
 * once: 503), when its commit's outcome is unknown, or for a business refusal.
 */
final class WriteRetries implements RetryScheduler {

    private static final long INTERVAL_MILLIS = 20;

    private final ScheduledExecutorService executor;
    private final int maxRetries;

    WriteRetries(ScheduledExecutorService executor, int maxRetries) {
        this.executor = executor;
        this.maxRetries = maxRetries;
    }

    @Override
    public boolean scheduleRetry(
            CommandMessage commandMessage,
            RuntimeException lastFailure,
            List<Class<? extends Throwable>[]> failures,
            Runnable commandDispatch) {
        if (failures.size() > maxRetries || !worthRetrying(lastFailure)) {
            return false;
        }
        executor.schedule(commandDispatch, INTERVAL_MILLIS * failures.size(), TimeUnit.MILLISECONDS);
        return true;
    }

    static boolean worthRetrying(Throwable failure) {
        if (TransientFailures.isUnreachable(failure)) {
            return false;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof AggregateStreamCreationException || cause instanceof CommitOutcomes.OutcomeUnknown) {
                return false;
            }
            if (cause instanceof ConcurrencyException) {
                return true;
            }
        }
        return TransientFailures.isTransient(failure);
    }
}
