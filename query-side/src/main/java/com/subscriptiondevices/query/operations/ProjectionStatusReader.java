package com.subscriptiondevices.query.operations;

import com.subscriptiondevices.platform.axon.StoredPositions;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads every read model's status from the database (token store, event store, rebuild table), so
 * any instance, or the operator command line, gives the same answer.
 */
@Component
public class ProjectionStatusReader {

    private final JdbcClient jdbc;
    private final StoredPositions positions;
    private final ProjectionRebuilder rebuilder;
    private final Map<String, Sample> samples = new ConcurrentHashMap<>();

    private record Sample(long position, long nanos, double rate) {}

    ProjectionStatusReader(JdbcClient jdbc, StoredPositions positions, ProjectionRebuilder rebuilder) {
        this.jdbc = jdbc;
        this.positions = positions;
        this.rebuilder = rebuilder;
    }

    public List<ProjectionStatus> all() {
        long head = positions.head();
        List<ProjectionStatus> statuses = new ArrayList<>();
        for (String name : rebuilder.readModels()) {
            List<TrackingToken> tokens = positions.tokens(name);
            Long position = tokens.isEmpty() || tokens.contains(null)
                    ? null
                    : tokens.stream()
                            .mapToLong(token -> token.position().orElse(0))
                            .min()
                            .orElse(0);
            Optional<RebuildStatus> rebuild = rebuild(jdbc, name);
            boolean rebuilding = rebuild.map(r -> r.status().equals("RUNNING")).orElse(false);
            boolean replaying = rebuilding || tokens.stream().anyMatch(token -> token instanceof ReplayToken);
            long lag = Math.max(0, head - (position == null ? 0 : position));
            double rate = rebuilding
                    ? rebuild.get().eventsPerSecond() == null
                            ? 0
                            : rebuild.get().eventsPerSecond()
                    : liveRate(name, position == null ? 0 : position);
            long behind = rebuilding && rebuild.get().position() != null
                    ? Math.max(0, head - rebuild.get().position())
                    : lag;
            Long eta = behind == 0 ? Long.valueOf(0) : rate > 0 ? Long.valueOf(Math.round(behind / rate)) : null;
            statuses.add(
                    new ProjectionStatus(name, name, position, head, lag, replaying, rate, eta, rebuild.orElse(null)));
        }
        return statuses;
    }

    /** Events per second since the previous look (kept per instance, smoothed a little). */
    private double liveRate(String name, long position) {
        long now = System.nanoTime();
        Sample previous = samples.get(name);
        double rate = 0;
        if (previous != null && now > previous.nanos()) {
            double seconds = (now - previous.nanos()) / 1e9;
            double current = Math.max(0, position - previous.position()) / seconds;
            rate = previous.rate() == 0 ? current : 0.5 * previous.rate() + 0.5 * current;
        }
        samples.put(name, new Sample(position, now, rate));
        return rate;
    }

    static Optional<RebuildStatus> rebuild(JdbcClient jdbc, String name) {
        return jdbc.sql("select status, started_at, finished_at, run_by, events, position, head, events_per_second,"
                        + " failure from projection_rebuild where processing_group = ?")
                .param(name)
                .query((rs, row) -> new RebuildStatus(
                        rs.getString(1),
                        instant(rs.getTimestamp(2)),
                        instant(rs.getTimestamp(3)),
                        rs.getString(4),
                        rs.getLong(5),
                        (Long) rs.getObject(6, Long.class),
                        (Long) rs.getObject(7, Long.class),
                        (Double) rs.getObject(8, Double.class),
                        rs.getString(9)))
                .optional();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
