package com.subscriptiondevices.query.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The dead-letter queue on the zero-setup database (H2 in PostgreSQL mode), on the table Flyway
 * creates: a letter is enqueued, fails its retry and is requeued with the new cause's real type, then
 * leaves the queue. Causes keep only their first line.
 */
class DeadLetterQueueOnH2Test {

    private final JdbcDataSource h2 = new JdbcDataSource();
    private final JdbcClient jdbc;
    private final JdbcSequencedDeadLetterQueue<EventMessage<?>> queue;

    DeadLetterQueueOnH2Test() {
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        Flyway.configure()
                .dataSource(h2)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        jdbc = JdbcClient.create(h2);
        Serializer serializer = Jackson3Serializer.builder().build();
        DeadLetterSchema schema = DeadLetterSchema.defaultSchema();
        queue = JdbcSequencedDeadLetterQueue.<EventMessage<?>>builder()
                .processingGroup("device-projection")
                .schema(schema)
                .connectionProvider(new DataSourceConnectionProvider(h2))
                .transactionManager(NoTransactionManager.INSTANCE)
                .statementFactory(new CauseKeepingStatementFactory(schema, serializer, serializer))
                .genericSerializer(serializer)
                .eventSerializer(serializer)
                .build();
    }

    @Test
    void a_letter_is_kept_requeued_with_its_new_cause_and_evicted() {
        String subscription = UUID.randomUUID().toString();
        EventMessage<?> event = new GenericDomainEventMessage<>("Subscription", subscription, 3, "an event");
        IllegalArgumentException failure =
                new IllegalArgumentException("value too long\n  Detail: Failing row contains (0123, 12345678).");
        ProjectionFailurePolicy policy = new ProjectionFailurePolicy("device-projection");
        queue.enqueue(
                subscription,
                new GenericDeadLetter<>(subscription, event)
                        .withCause(policy.decide(new GenericDeadLetter<>(subscription, event, failure), failure)
                                .enqueueCause()
                                .orElseThrow()));

        assertThat(queue.contains(subscription)).isTrue();
        assertThat(cause()).containsExactly(IllegalArgumentException.class.getName(), "value too long");

        boolean processed = queue.process(
                letter -> true, letter -> policy.decide(letter, new IllegalStateException("still failing")));
        assertThat(processed).isFalse();
        assertThat(queue.size()).isEqualTo(1);
        assertThat(cause()).containsExactly(IllegalStateException.class.getName(), "still failing");

        assertThat(queue.process(letter -> Decisions.evict())).isTrue();
        assertThat(queue.size()).isZero();
    }

    private List<String> cause() {
        Map<String, Object> row = jdbc.sql(
                        "select causetype, causemessage, aggregateidentifier, sequencenumber" + " from deadletterentry")
                .query()
                .singleRow();
        assertThat(row.get("sequencenumber")).isEqualTo(3L);
        return List.of((String) row.get("causetype"), (String) row.get("causemessage"));
    }
}
