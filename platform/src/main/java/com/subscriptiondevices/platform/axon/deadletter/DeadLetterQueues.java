package com.subscriptiondevices.platform.axon.deadletter;

import com.subscriptiondevices.api.error.DomainException;
import com.subscriptiondevices.api.error.ErrorCode;
import com.subscriptiondevices.platform.data.TransientFailures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * The dead-letter queues of the asynchronous consumers (the SIM replacement process, the hub's
 * consumer of the event store; read models are written with the commands and have none), and the other
 * sources of dead letters ({@link DeadLetterSource}: the hub's given-up deliveries). A consumer registers its processing group and how to
 * handle a letter again. Only an event that fails for a reason other than a transient one of the
 * database is dead-lettered: a transient failure is retried by the consumer's processor, with back-off.
 * Later events of a dead-lettered sequence wait in the queue behind it, so a consumer never sees a
 * sequence out of order. Everything goes through Axon's queue (table {@code deadletterentry}); the
 * queue keeps the cause's first line only (a database's detail can quote a row, PIN and PUK included).
 */
@Component
public class DeadLetterQueues {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterQueues.class);

    /** Handles a dead letter's event again, as its consumer would; throws when it fails again. */
    @FunctionalInterface
    public interface Redelivery {
        void handle(EventMessage<?> event) throws Exception;
    }

    private record Consumer(JdbcSequencedDeadLetterQueue<EventMessage<?>> queue, Redelivery redelivery) {}

    private final ConnectionProvider connections;
    private final TransactionManager transactions;
    private final Serializer serializer;
    private final Serializer eventSerializer;
    private final Map<String, Consumer> consumers = new ConcurrentHashMap<>();
    private final ObjectProvider<DeadLetterSource> sources;

    DeadLetterQueues(
            ConnectionProvider connections,
            TransactionManager transactions,
            Serializer serializer,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            ObjectProvider<DeadLetterSource> sources) {
        this.connections = connections;
        this.transactions = transactions;
        this.serializer = serializer;
        this.eventSerializer = eventSerializer;
        this.sources = sources;
    }

    /** Gives a consumer's processing group a queue; {@code redelivery} is how a retry hands it a letter. */
    public void register(String processingGroup, Redelivery redelivery) {
        DeadLetterSchema schema = DeadLetterSchema.defaultSchema();
        JdbcSequencedDeadLetterQueue<EventMessage<?>> queue = JdbcSequencedDeadLetterQueue.<EventMessage<?>>builder()
                .processingGroup(processingGroup)
                .schema(schema)
                .connectionProvider(connections)
                .transactionManager(transactions)
                .statementFactory(new CauseKeepingStatementFactory(schema, serializer, eventSerializer))
                .genericSerializer(serializer)
                .eventSerializer(eventSerializer)
                .build();
        consumers.put(processingGroup, new Consumer(queue, redelivery));
    }

    /** The processing groups with a queue, and those of the other sources of dead letters. */
    public List<String> processingGroups() {
        List<String> groups = new ArrayList<>(consumers.keySet());
        sources.forEach(source -> groups.add(source.processingGroup()));
        return groups.stream().sorted().distinct().toList();
    }

    /**
     * What a consumer does with a failure: a transient one is thrown again (its processor retries the
     * batch later), any other dead-letters the event, and the consumer goes on.
     */
    public void failed(String processingGroup, Object sequence, EventMessage<?> event, Exception failure)
            throws Exception {
        if (TransientFailures.isTransient(failure)) {
            throw failure;
        }
        ThrowableCause cause = redacted(failure);
        log.warn(
                "{} could not handle event {} ({}{}); it waits in the dead-letter queue: {}: {}",
                processingGroup,
                event.getIdentifier(),
                event.getPayloadType().getSimpleName(),
                event instanceof DomainEventMessage<?> domain
                        ? " of " + domain.getAggregateIdentifier() + " #" + domain.getSequenceNumber()
                        : "",
                cause.type(),
                cause.message());
        Instant now = GenericDeadLetter.clock.instant();
        consumer(processingGroup)
                .queue()
                .enqueue(sequence, new GenericDeadLetter<>(sequence, event, cause, now, now, MetaData.emptyInstance()));
    }

    /** Whether the consumer's queue holds any letter. */
    public boolean hasLetters(String processingGroup) {
        return consumer(processingGroup).queue().amountOfSequences() > 0;
    }

    /** True when the sequence has letters already: then {@code event} waits behind them and is not handled now. */
    public boolean waitsBehindLetters(String processingGroup, Object sequence, EventMessage<?> event) {
        return consumer(processingGroup)
                .queue()
                .enqueueIfPresent(sequence, () -> new GenericDeadLetter<>(sequence, event));
    }

    /** Oldest first; within a sequence, in the order its events are to be handled. */
    public List<DeadLetterView> list(Optional<String> processingGroup) {
        List<DeadLetterView> letters = new ArrayList<>();
        consumers.forEach((group, consumer) -> {
            if (processingGroup.isEmpty() || processingGroup.get().equals(group)) {
                for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence :
                        consumer.queue().deadLetters()) {
                    sequence.forEach(letter -> letters.add(view(group, letter)));
                }
            }
        });
        sources.forEach(source -> {
            if (processingGroup.isEmpty() || processingGroup.get().equals(source.processingGroup())) {
                letters.addAll(source.list());
            }
        });
        letters.sort(Comparator.comparing(DeadLetterView::enqueuedAt));
        return letters;
    }

    public Optional<DeadLetterView> find(String id) {
        return list(Optional.empty()).stream()
                .filter(letter -> letter.id().equals(id))
                .findFirst();
    }

    /**
     * Hands the letter's sequence, from its first letter on, to its consumer again. Each letter that
     * succeeds leaves the queue; the first that fails stays, with the new cause, and so do the letters
     * behind it.
     */
    public RetryResult retry(String id) {
        for (DeadLetterSource source : sources) {
            Optional<RetryResult> retried = source.retry(id);
            if (retried.isPresent()) {
                return retried.get();
            }
        }
        DeadLetterView letter = find(id).orElseThrow(() ->
                new DomainException(ErrorCode.DEAD_LETTER_NOT_FOUND, "There is no dead letter " + id + "."));
        Consumer consumer = consumer(letter.processingGroup());
        for (DeadLetter<? extends EventMessage<?>> next :
                consumer.queue().deadLetterSequence(letter.sequenceIdentifier())) {
            try {
                // the consumer's effects and the letter's eviction commit together
                transactions.executeInTransaction(() -> {
                    try {
                        consumer.redelivery().handle(next.message());
                    } catch (RuntimeException e) {
                        throw e;
                    } catch (Exception e) {
                        throw new FailedAgain(e);
                    }
                    consumer.queue().evict(next);
                });
            } catch (RuntimeException failure) {
                ThrowableCause cause = redacted(failure instanceof FailedAgain again ? again.getCause() : failure);
                consumer.queue().requeue(next, stored -> stored.withCause(cause));
                log.info(
                        "Retried dead letter {} of {}: FAILED again, {}: {}",
                        id,
                        letter.processingGroup(),
                        cause.type(),
                        cause.message());
                return RetryResult.failed(id, cause);
            }
        }
        log.info("Retried dead letter {} of {}: PROCESSED", id, letter.processingGroup());
        return RetryResult.processed(id);
    }

    /** A checked failure of a redelivery, carried out of the transaction. */
    private static final class FailedAgain extends RuntimeException {
        FailedAgain(Exception cause) {
            super(cause);
        }
    }

    private Consumer consumer(String processingGroup) {
        Consumer consumer = consumers.get(processingGroup);
        if (consumer == null) {
            throw new DomainException(
                    ErrorCode.INVALID_PARAMETER,
                    "processing_group must be one of " + String.join(", ", processingGroups()) + ".");
        }
        return consumer;
    }

    private static DeadLetterView view(String group, DeadLetter<? extends EventMessage<?>> letter) {
        EventMessage<?> event = letter.message();
        DomainEventMessage<?> domain = event instanceof DomainEventMessage<?> d ? d : null;
        Optional<Cause> cause = letter.cause();
        return new DeadLetterView(
                letter instanceof JdbcDeadLetter<?> stored ? stored.getIdentifier() : null,
                group,
                letter instanceof JdbcDeadLetter<?> stored ? stored.getSequenceIdentifier() : null,
                event.getPayloadType().getSimpleName(),
                event.getIdentifier(),
                domain == null ? null : domain.getAggregateIdentifier(),
                domain == null ? null : domain.getSequenceNumber(),
                letter.enqueuedAt(),
                letter.lastTouched(),
                cause.map(Cause::type).orElse(null),
                cause.map(Cause::message).orElse(null));
    }

    /** The failure's type, and the first line of its message, at most as long as the queue keeps. */
    static ThrowableCause redacted(Throwable failure) {
        String message = failure.getMessage() == null ? "" : failure.getMessage();
        String firstLine = message.lines().findFirst().orElse("").strip();
        if (firstLine.length() > ThrowableCause.TRUNCATED_MESSAGE_SIZE) {
            firstLine = firstLine.substring(0, ThrowableCause.TRUNCATED_MESSAGE_SIZE);
        }
        return new ThrowableCause(failure.getClass().getName(), firstLine);
    }
}
