package com.subscriptiondevices.readmodel.operations;

import com.subscriptiondevices.readmodel.ReadModel;
import com.subscriptiondevices.readmodel.ReadModel.InMemoryCopy;
import com.subscriptiondevices.readmodel.Replay;
import com.subscriptiondevices.readmodel.StoredRow;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Replays the event store in memory through a read model's projection and compares the result with
 * the live tables, subscription by subscription (so memory stays bounded whatever the store's size).
 * Operators run it after an incident; the fault tests run it after theirs.
 */
@Component
public class ReadModelVerifier {

    private static final int SUBSCRIPTIONS_PER_BATCH = 200;
    private static final int EXAMPLES = 10;

    private final ReadModelRebuilder rebuilder;
    private final EventStore eventStore;
    private final JdbcClient jdbc;
    private final TransactionTemplate snapshot;

    ReadModelVerifier(
            ReadModelRebuilder rebuilder,
            EventStore eventStore,
            JdbcClient jdbc,
            PlatformTransactionManager transactions) {
        this.rebuilder = rebuilder;
        this.eventStore = eventStore;
        this.jdbc = jdbc;
        // One snapshot for the whole comparison: events and rows are committed together, so under
        // writes going on meanwhile they still agree, and no row is seen twice or missed.
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
        snapshot.setTimeout((int) Duration.ofHours(1).toSeconds());
    }

    public Verification verify(String name) {
        ReadModel model = rebuilder.readModel(name);
        return snapshot.execute(status -> verify(model));
    }

    private Verification verify(ReadModel model) {
        long checked = 0;
        long differing = 0;
        long liveRowsSeen = 0;
        List<RowDifference> examples = new ArrayList<>();
        long after = -1;
        while (true) {
            List<Map.Entry<Long, String>> firsts = jdbc.sql("select globalindex, aggregateidentifier from"
                            + " domainevententry where sequencenumber = 0 and globalindex > ? order by globalindex"
                            + " limit " + SUBSCRIPTIONS_PER_BATCH)
                    .param(after)
                    .query((rs, row) -> Map.entry(rs.getLong(1), rs.getString(2)))
                    .list();
            if (firsts.isEmpty()) {
                break;
            }
            after = firsts.get(firsts.size() - 1).getKey();
            List<UUID> subscriptions = new ArrayList<>();
            InMemoryCopy replay = model.inMemory();
            Replay projection = new Replay(replay.projection());
            for (Map.Entry<Long, String> first : firsts) {
                subscriptions.add(UUID.fromString(first.getValue()));
                eventStore.readEvents(first.getValue()).asStream().forEach(projection::apply);
            }
            Map<String, StoredRow> expected = keyed(replay.rowsOf(subscriptions));
            Map<String, StoredRow> actual = keyed(model.rowsOf(model.schema(), subscriptions));
            liveRowsSeen += actual.size();
            Map<String, StoredRow> all = new LinkedHashMap<>(expected);
            actual.forEach(all::putIfAbsent);
            for (Map.Entry<String, StoredRow> row : all.entrySet()) {
                checked++;
                String problem = problem(expected.get(row.getKey()), actual.get(row.getKey()));
                if (problem != null) {
                    differing++;
                    if (examples.size() < EXAMPLES) {
                        examples.add(new RowDifference(
                                row.getValue().table(),
                                String.valueOf(row.getValue().key()),
                                problem));
                    }
                }
            }
        }
        long strays = model.rowCount(model.schema()) - liveRowsSeen;
        if (strays > 0) {
            checked += strays;
            differing += strays;
            examples.add(new RowDifference(
                    "*", "-", "UNEXPECTED: " + strays + " rows of subscriptions the event store does not hold"));
        }
        return new Verification(model.name(), checked, differing, examples);
    }

    private static Map<String, StoredRow> keyed(List<StoredRow> rows) {
        Map<String, StoredRow> keyed = new LinkedHashMap<>();
        rows.forEach(row -> keyed.put(row.table() + "/" + row.key(), row));
        return keyed;
    }

    /** Null when the two are equal; else what differs, by column name only: rows can hold PIN and PUK codes. */
    private static String problem(StoredRow expected, StoredRow actual) {
        if (actual == null) {
            return "MISSING";
        }
        if (expected == null) {
            return "UNEXPECTED";
        }
        if (expected.equals(actual)) {
            return null;
        }
        List<String> columns = new ArrayList<>();
        for (RecordComponent component : expected.getClass().getRecordComponents()) {
            try {
                Object want = component.getAccessor().invoke(expected);
                Object have = component.getAccessor().invoke(actual);
                if (!Objects.equals(want, have)) {
                    columns.add(snakeCase(component.getName()));
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return "DIFFERENT: " + String.join(", ", columns);
    }

    private static String snakeCase(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }
}
