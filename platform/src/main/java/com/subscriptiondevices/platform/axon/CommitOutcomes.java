package com.subscriptiondevices.platform.axon;

import com.subscriptiondevices.platform.data.OpenedTransactions;
import com.subscriptiondevices.platform.data.TransientFailures;
import com.subscriptiondevices.platform.data.WritePipeline;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Resolves the one write whose outcome is unknown: the connection broke while the transaction was
 * committing, so the database may or may not have committed it. The first event the unit of work
 * appended says which: when it is in the event store the write stands (and answers as committed),
 * otherwise nothing of it was stored and the failure is transient (the command is tried again, or the
 * caller gets 503). Without this, a write that was committed answered 500, and one retried after it
 * failed as a duplicate. A commit the database itself refused (a deferred constraint, or a statement sent
 * with it) stays what it is.
 *
 * <p>A command's commit goes with its write's last statements when the {@link WritePipeline} held them
 * for it: one round trip for the whole write, whose failures are a commit's.
 */
final class CommitOutcomes implements TransactionManager {

    private static final Logger log = LoggerFactory.getLogger(CommitOutcomes.class);
    private static final String APPENDED = CommitOutcomes.class.getName() + ".appended";
    private static final Duration LOOK_FOR = Duration.ofSeconds(3);

    private final TransactionManager delegate;
    private final JdbcClient jdbc;
    private final WritePipeline pipeline;

    CommitOutcomes(TransactionManager delegate, JdbcClient jdbc, WritePipeline pipeline) {
        this.delegate = delegate;
        this.jdbc = jdbc;
        this.pipeline = pipeline;
    }

    /** Remembers, in the unit of work, the first event of each batch the event store is about to append. */
    static MessageDispatchInterceptor<EventMessage<?>> recorder() {
        return messages -> {
            if (!messages.isEmpty() && CurrentUnitOfWork.isStarted()) {
                CurrentUnitOfWork.get()
                        .root()
                        .<List<String>>getOrComputeResource(APPENDED, key -> new ArrayList<>())
                        .add(messages.get(0).getIdentifier());
            }
            return (index, message) -> message;
        };
    }

    /**
     * A command's transaction is opened on the server by its write's first statements, which carry
     * their own guard ({@link OpenedTransactions#openedByItsWrite}); any other (a processor's, a
     * deadline's) is opened ahead of them.
     */
    @Override
    public Transaction startTransaction() {
        Transaction transaction = commands()
                ? OpenedTransactions.openedByItsWrite(delegate::startTransaction)
                : delegate.startTransaction();
        return new Transaction() {
            @Override
            public void commit() {
                try {
                    // the write's statements with its COMMIT, if they were held for it
                    pipeline.sendWithTheCommit();
                } catch (RuntimeException failure) {
                    // the failed connection is still the transaction's: given back first, so that the
                    // outcome is looked up on another
                    ended(transaction);
                    resolve(failure);
                    return;
                }
                try {
                    // Spring's, which has nothing left to send then, or sends the COMMIT itself
                    transaction.commit();
                } catch (RuntimeException failure) {
                    resolve(failure);
                }
            }

            @Override
            public void rollback() {
                transaction.rollback();
            }
        };
    }

    /**
     * Returns normally when the failed commit happened after all (its first event is stored): the write
     * stands; throws what the caller should see otherwise.
     */
    private void resolve(RuntimeException failure) {
        if (refusedByTheDatabase(failure)) {
            throw failure;
        }
        List<String> appended = appendedInThisUnitOfWork();
        if (!appended.isEmpty() && stored(appended.get(0), failure)) {
            log.warn(
                    "The commit of event {} failed ({}), but the event is stored: the write stands",
                    appended.get(0),
                    failure.getMessage());
            return;
        }
        throw new NotCommitted(failure);
    }

    /**
     * Ends, on this side, a transaction whose commit failed with its statements: a rollback, which finds
     * nothing to roll back when the database committed it, or fails on a broken connection and still
     * gives the connection back. The unit of work's own rollback then finds it complete.
     */
    private static void ended(Transaction transaction) {
        try {
            transaction.rollback();
        } catch (RuntimeException brokenConnection) {
            log.debug("Rolling back a transaction whose commit failed with its statements failed", brokenConnection);
        }
    }

    /**
     * The database answered the commit, and refused it for a reason of its own (a deferred constraint,
     * say): the outcome is known, and no retry will change it. Any other failure of a commit is of the
     * connection: the database may not even have received it, or may have committed it.
     */
    private static boolean refusedByTheDatabase(Throwable failure) {
        if (TransientFailures.isTransient(failure)) {
            return false;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return true;
            }
        }
        return false;
    }

    private static boolean commands() {
        return CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get().getMessage() instanceof CommandMessage<?>;
    }

    private static List<String> appendedInThisUnitOfWork() {
        if (!CurrentUnitOfWork.isStarted()) {
            return List.of();
        }
        List<String> appended = CurrentUnitOfWork.get().root().getResource(APPENDED);
        return appended == null ? List.of() : appended;
    }

    /** Looks for the event on a new connection, for a few seconds while the database cannot be reached. */
    private boolean stored(String eventId, RuntimeException commitFailure) {
        long deadline = System.nanoTime() + LOOK_FOR.toNanos();
        while (true) {
            try {
                return jdbc.sql("select count(*) from domainevententry where eventidentifier = ?")
                                .param(eventId)
                                .query(Long.class)
                                .single()
                        > 0;
            } catch (RuntimeException unreachable) {
                if (!TransientFailures.isTransient(unreachable) || System.nanoTime() > deadline) {
                    throw new OutcomeUnknown(eventId, commitFailure);
                }
                LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            }
        }
    }

    /** The commit failed and nothing of it is stored: transient (tried again, or 503). */
    static final class NotCommitted extends TransientDataAccessResourceException {

        NotCommitted(RuntimeException commitFailure) {
            super("The commit failed and nothing of it is stored", commitFailure);
        }
    }

    /**
     * The commit failed and the database could not be asked whether it happened: transient for the
     * caller (503), but never retried here.
     */
    static final class OutcomeUnknown extends TransientDataAccessResourceException {

        OutcomeUnknown(String eventId, RuntimeException commitFailure) {
            super(
                    "The commit of event " + eventId + " failed and the database could not be reached to learn"
                            + " whether it happened",
                    commitFailure);
        }
    }
}
