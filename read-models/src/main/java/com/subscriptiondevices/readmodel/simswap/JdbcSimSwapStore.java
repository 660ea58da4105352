package com.subscriptiondevices.readmodel.simswap;

import com.subscriptiondevices.platform.data.WritePipeline;
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
    private final WritePipeline pipeline;
    private final String table;
    private final String numberGiven;
    private final String simChanged;

    JdbcSimSwapStore(JdbcClient jdbc, String schema) {
        this(jdbc, null, schema);
    }

    JdbcSimSwapStore(JdbcClient jdbc, WritePipeline pipeline, String schema) {
        this.jdbc = jdbc;
        this.pipeline = pipeline;
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
        this.simChanged =
                "update " + table + " set latest_sim_change = ? where subscription_id = ? and latest_sim_change < ?";
    }

    @Override
    public void numberGiven(SimSwapRow row) {
        write(numberGiven, row.msisdn(), row.subscriptionId(), row.org(), timestamp(row.latestSimChange()));
    }

    @Override
    public void numberRemoved(UUID subscriptionId) {
        write("delete from " + table + " where subscription_id = ?", subscriptionId);
    }

    @Override
    public void simChanged(UUID subscriptionId, Instant at) {
        write(simChanged, timestamp(at), subscriptionId, timestamp(at));
    }

    private void write(String statement, Object... params) {
        if (pipeline != null) {
            pipeline.send(statement, params);
        } else {
            jdbc.sql(statement).params(params).update();
        }
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
