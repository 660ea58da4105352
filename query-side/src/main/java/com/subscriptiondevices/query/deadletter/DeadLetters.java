package com.subscriptiondevices.query.deadletter;

import com.subscriptiondevices.api.error.DomainException;
import com.subscriptiondevices.api.error.ErrorCode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The projections' dead letters: listed straight from Axon's table (no payload is read, so a letter
 * whose payload cannot even be read is still listed), and retried through Axon, by the processing
 * group's own handlers.
 */
@Component
public class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private static final String SELECT = "select deadletteridentifier, processinggroup, sequenceidentifier,"
            + " payloadtype, eventidentifier, aggregateidentifier, sequencenumber, enqueuedat, lasttouched,"
            + " causetype, causemessage from deadletterentry";

    private final JdbcClient jdbc;
    private final EventProcessingConfiguration processing;
    private final List<String> processingGroups;

    DeadLetters(
            JdbcClient jdbc,
            EventProcessingConfiguration processing,
            @Value(DeadLetterConfiguration.GROUPS_PROPERTY) List<String> processingGroups) {
        this.jdbc = jdbc;
        this.processing = processing;
        this.processingGroups = processingGroups.stream()
                .map(String::strip)
                .filter(group -> !group.isEmpty())
                .toList();
    }

    /** The processing groups that dead-letter what they cannot handle. */
    public List<String> processingGroups() {
        return processingGroups;
    }

    /** Oldest first; within a sequence, in the order its events are to be handled. */
    public List<DeadLetterView> list(Optional<String> processingGroup) {
        String order = " order by enqueuedat, processinggroup, sequenceidentifier, sequenceindex";
        if (processingGroup.isPresent()) {
            return jdbc.sql(SELECT + " where processinggroup = ?" + order)
                    .param(processingGroup.get())
                    .query(DeadLetters::view)
                    .list();
        }
        return jdbc.sql(SELECT + order).query(DeadLetters::view).list();
    }

    public Optional<DeadLetterView> find(String id) {
        return jdbc.sql(SELECT + " where deadletteridentifier = ?")
                .param(id)
                .query(DeadLetters::view)
                .optional();
    }

    /**
     * Hands the letter's sequence, from its first letter on, to its processing group's handlers again.
     * Each letter that succeeds leaves the queue; the first that fails stays, with the new cause, and
     * so do the letters behind it.
     */
    public RetryResult retry(String id) {
        DeadLetterView letter = find(id).orElseThrow(() ->
                new DomainException(ErrorCode.DEAD_LETTER_NOT_FOUND, "There is no dead letter " + id + "."));
        SequencedDeadLetterProcessor<EventMessage<?>> processor = processing
                .sequencedDeadLetterProcessor(letter.processingGroup())
                .orElseThrow(() -> new DomainException(
                        ErrorCode.SERVICE_UNAVAILABLE,
                        "The processing group " + letter.processingGroup() + " does not run in this process."));
        String sequence = letter.sequenceIdentifier();
        processor.process(
                first -> first instanceof JdbcDeadLetter<?> stored && sequence.equals(stored.getSequenceIdentifier()));
        RetryResult result = find(id).isEmpty()
                ? RetryResult.processed(id)
                : RetryResult.failed(
                        id, firstOfSequence(letter.processingGroup(), sequence).orElse(letter));
        log.info(
                "Retried dead letter {} ({} of {} in {}): {}",
                id,
                letter.eventType(),
                letter.aggregateId(),
                letter.processingGroup(),
                result.outcome());
        return result;
    }

    private Optional<DeadLetterView> firstOfSequence(String processingGroup, String sequence) {
        return jdbc.sql(SELECT + " where processinggroup = ? and sequenceidentifier = ?"
                        + " order by sequenceindex limit 1")
                .param(processingGroup)
                .param(sequence)
                .query(DeadLetters::view)
                .optional();
    }

    private static DeadLetterView view(ResultSet row, int number) throws SQLException {
        String payloadType = row.getString("payloadtype");
        Long sequenceNumber = row.getObject("sequencenumber", Long.class);
        return new DeadLetterView(
                row.getString("deadletteridentifier"),
                row.getString("processinggroup"),
                row.getString("sequenceidentifier"),
                payloadType.substring(payloadType.lastIndexOf('.') + 1),
                row.getString("eventidentifier"),
                row.getString("aggregateidentifier"),
                sequenceNumber,
                instant(row.getString("enqueuedat")),
                instant(row.getString("lasttouched")),
                row.getString("causetype"),
                row.getString("causemessage"));
    }

    private static Instant instant(String stored) {
        return stored == null ? null : DateTimeUtils.parseInstant(stored);
    }
}
