package com.subscriptiondevices.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.subscriptiondevices.platform.data.OpenedTransactions;
import com.subscriptiondevices.platform.data.WritePipeline;
import com.subscriptiondevices.platform.testing.CommandUnitsOfWork;
import com.subscriptiondevices.platform.testing.TestDatabases;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Axon's event store appending through the write pipeline, on PostgreSQL: the rows Axon writes, sent
 * with the rest of the write at its commit; an append that lost its place fails as Axon's own does, and a
 * duplicate key of any other table in the same write is not taken for one.
 */
class PipelinedEventStorageEngineIT {

    private static final String EVENTS = "pipelined_events_probe";
    private static final String OTHER = "pipelined_events_other_probe";

    private final DataSource dataSource = TestDatabases.mainDataSource();
    private final JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    private final SpringTransactionManager transactions =
            new SpringTransactionManager(new OpenedTransactions(dataSource));
    /** The write's one pipeline: the engine's appends and any other statement of the write. */
    private final WritePipeline pipeline = new WritePipeline(jdbc);

    private final PipelinedEventStorageEngine engine =
            ProbeEventStore.engine(dataSource, transactions, pipeline, EVENTS);
    /** On connections of its own, never the unit of work's. */
    private final JdbcClient observer = JdbcClient.create(TestDatabases.mainDataSource());

    private final String aggregate = UUID.randomUUID().toString();

    @BeforeEach
    void tables() {
        dropTables();
        // the event store's table as the service's first migration makes it, under another name
        ProbeEventStore.createTable(observer, EVENTS);
        observer.sql("create table " + OTHER + " (id int primary key)").update();
    }

    @AfterEach
    void dropTables() {
        observer.sql("drop table if exists " + EVENTS).update();
        observer.sql("drop table if exists " + OTHER).update();
    }

    @Test
    void an_append_goes_with_the_commit_and_reads_back_as_axon_wrote_it() {
        UnitOfWork<?> unitOfWork = started();
        engine.appendEvents(List.of(event(0, "added"), event(1, "changed")));
        assertThat(jdbc.queryForObject("select count(*) from " + EVENTS, Long.class))
                .as("the unit of work's own connection, before its commit")
                .isZero();
        unitOfWork.commit();

        List<DomainEventMessage<?>> stored =
                List.copyOf(engine.readEvents(aggregate).asStream().toList());
        assertThat(stored).extracting(DomainEventMessage::getSequenceNumber).containsExactly(0L, 1L);
        assertThat(stored).extracting(event -> (Object) event.getPayload()).containsExactly("added", "changed");
        assertThat(stored).extracting(DomainEventMessage::getType).containsOnly("Probe");
    }

    @Test
    void an_append_that_lost_its_place_fails_as_axons_own_and_stores_nothing() {
        engine.appendEvents(List.of(event(0, "theirs"), event(1, "theirs too")));

        UnitOfWork<?> creating = started();
        engine.appendEvents(List.of(event(0, "mine")));
        assertThatThrownBy(creating::commit).isInstanceOf(AggregateStreamCreationException.class);

        UnitOfWork<?> continuing = started();
        engine.appendEvents(List.of(event(1, "mine"), event(2, "mine too")));
        assertThatThrownBy(continuing::commit).isInstanceOf(ConcurrencyException.class);

        assertThat(engine.readEvents(aggregate).asStream().map(event -> (Object) event.getPayload()))
                .containsExactly("theirs", "theirs too");
    }

    @Test
    void a_duplicate_key_of_another_table_in_the_same_write_is_no_lost_race() {
        observer.sql("insert into " + OTHER + " values (1)").update();

        UnitOfWork<?> unitOfWork = started();
        engine.appendEvents(List.of(event(0, "mine")));
        pipeline.send("insert into " + OTHER + " values (?)", 1);

        assertThatThrownBy(unitOfWork::commit)
                .isInstanceOf(DuplicateKeyException.class)
                .isNotInstanceOf(ConcurrencyException.class);
        assertThat(observer.sql("select count(*) from " + EVENTS)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private DomainEventMessage<String> event(long sequence, String payload) {
        return new GenericDomainEventMessage<>("Probe", aggregate, sequence, payload);
    }

    private UnitOfWork<?> started() {
        return CommandUnitsOfWork.started(transactions);
    }
}
