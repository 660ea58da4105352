package com.subscriptiondevices.readmodel.simswap;

import com.subscriptiondevices.platform.data.WritePipeline;
import com.subscriptiondevices.readmodel.BatchedWrites;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The SIM swap read model in the table of one version (one schema); each write is one statement, sent
 * with the rest of the command's write when the store has its {@link WritePipeline}, else at once (a
 * replay: its statements depend on each other's order, so they are not batched by statement).
 */
final class JdbcSimSwapStore implements SimSwapStore {

    private static final String COLUMNS = "msisdn, subscription_id, org, latest_sim_change";

    private final JdbcClient jdbc;
    private final String table;
    private final String numberGiven;
    private final String numberRemoved;
    private final String simChanged;
    private final BatchedWrites writes;

    JdbcSimSwapStore(JdbcClient jdbc, String schema) {
        this(jdbc, null, schema);
    }

    JdbcSimSwapStore(JdbcClient jdbc, WritePipeline pipeline, String schema) {
        this.jdbc = jdbc;
        this.table = schema + ".sim_swap";
        // a subscription that changes its number keeps its one row, under the new number
        this.numberGiven = "merge into " + table + " t using (select cast(? as varchar(16)) as msisdn,"
                + " cast(? as uuid) as subscription_id, cast(? as varchar(100)) as org,"
                + " cast(? as timestamp with time zone) as latest_sim_change) s"
                + " on t.subscription_id = s.subscription_id"
                + " when matched then update set msisdn = s.msisdn, org = s.org,"
                + " latest_sim_change = s.latest_sim_change"
                + " when not matched then insert (" + COLUMNS + ")"
                + " values (s.msisdn, s.subscription_id, s.org, s.latest_sim_change)";
        this.numberRemoved = "delete from " + table + " where subscription_id = ?";
        this.simChanged =
                "update " + table + " set latest_sim_change = ? where subscription_id = ? and latest_sim_change < ?";
        // never a replay's batches: these writes depend on each other's order across statements
        this.writes = new BatchedWrites(jdbc, null, pipeline, numberGiven, numberRemoved, simChanged);
    }

    @Override
    public void numberGiven(SimSwapRow row) {
        writes.write(numberGiven, row.msisdn(), row.subscriptionId(), row.org(), timestamp(row.latestSimChange()));
    }

    @Override
    public void numberRemoved(UUID subscriptionId) {
        writes.write(numberRemoved, subscriptionId);
    }

    @Override
    public void simChanged(UUID subscriptionId, Instant at) {
        writes.write(simChanged, timestamp(at), subscriptionId, timestamp(at));
    }

    @Override
    public Optional<SimSwapRow> byMsisdn(String msisdn) {
        return jdbc.sql("select " + COLUMNS + " from " + table + " where msisdn = ?")
                .param(msisdn)
                .query(JdbcSimSwapStore::row)
                .optional();
    }

    @Override
    public List<SimSwapRow> ofSubscriptions(Collection<UUID> subscriptionIds) {
        if (subscriptionIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + COLUMNS + " from " + table + " where subscription_id in (:ids)")
                .param("ids", List.copyOf(subscriptionIds))
                .query(JdbcSimSwapStore::row)
                .list();
    }

    long rowCount() {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    private static SimSwapRow row(ResultSet rs, int row) throws SQLException {
        return new SimSwapRow(
                rs.getString(1),
                rs.getObject(2, UUID.class),
                rs.getString(3),
                rs.getObject(4, OffsetDateTime.class).toInstant());
    }

    /** Instants travel as UTC offset date-times, which both PostgreSQL's and H2's drivers bind. */
    private static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
