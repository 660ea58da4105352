package com.subscriptiondevices.command.hub.fanout;

import com.subscriptiondevices.platform.data.TransientFailures;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The fan-out in the batch's transaction, with a savepoint for each event only when one is needed. An
 * event that fails for a reason other than a transient one must become a dead letter, written in the same
 * transaction as the batch's position; PostgreSQL refuses every statement after a failed one, so that
 * event needs a savepoint to roll back to. Such failures are rare, and a savepoint is two more round trips
 * for every event (of three), so a batch first goes without: should an event fail, the batch fails as a
 * transient failure would ({@link RetriedInSavepoints}), its processor rolls it back and tries it again
 * after its back-off, and this time each event has its savepoint, so the failing one is dead-lettered and
 * the others go on. The next batch goes without again.
 */
final class SavepointedFanOut implements EventMessageHandler {

    private static final String AFTER_COMMIT = SavepointedFanOut.class.getName() + ".afterCommit";

    private final EventMessageHandler fanOut;
    private final Runnable takeTurn;
    private final TransactionOperations savepoint;

    /** Whether the batch in hand (or the next) gives each event its savepoint: after a failure, until it commits. */
    private volatile boolean inSavepoints;

    /** {@code takeTurn}: the fan-out's append turn, taken once in a transaction ({@link HubFanOut#takeTurn}). */
    SavepointedFanOut(EventMessageHandler fanOut, Runnable takeTurn, TransactionOperations savepoint) {
        this.fanOut = fanOut;
        this.takeTurn = takeTurn;
        this.savepoint = savepoint;
    }

    /**
     * The batch failed for a reason other than a transient one of the database: it is tried again, each
     * event in a savepoint. Transient, so that the processor retries the batch instead of dead-lettering
     * the event whose transaction can no longer record the letter.
     */
    static final class RetriedInSavepoints extends TransientDataAccessException {
        RetriedInSavepoints(Exception failure) {
            super("The hub's fan-out failed on an event; its batch is tried again, each event in a savepoint", failure);
        }
    }

    @Override
    public boolean canHandle(EventMessage<?> event) {
        return fanOut.canHandle(event);
    }

    @Override
    public Class<?> getTargetType() {
        return HubFanOut.class;
    }

    @Override
    public Object handle(EventMessage<?> event) throws Exception {
        if (!inSavepoints) {
            try {
                return fanOut.handle(event);
            } catch (Exception failure) {
                if (TransientFailures.isTransient(failure)) {
                    throw failure;
                }
                inSavepoints = true;
                throw new RetriedInSavepoints(failure);
            }
        }
        CurrentUnitOfWork.ifStarted(unitOfWork -> unitOfWork.root().getOrComputeResource(AFTER_COMMIT, key -> {
            unitOfWork.root().afterCommit(committed -> inSavepoints = false);
            return Boolean.TRUE;
        }));
        // the append turn outside the savepoint: rolled back with it, it would be gone for the batch's later events
        takeTurn.run();
        return savepoint.execute(status -> handleUnchecked(event));
    }

    private Object handleUnchecked(EventMessage<?> event) {
        try {
            return fanOut.handle(event);
        } catch (RuntimeException failure) {
            throw failure;
        } catch (Exception failure) {
            throw new java.lang.reflect.UndeclaredThrowableException(failure);
        }
    }

    boolean inSavepoints() {
        return inSavepoints;
    }
}
