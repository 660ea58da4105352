package com.subscriptiondevices.readmodel.operations;

import com.subscriptiondevices.platform.axon.StoredPositions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Every read model's status, from the database (the event store's head, the live versions, the
 * rebuilds), so any instance, or the operator command line, gives the same answer.
 */
@Component
public class ProjectionStatusReader {

    private final JdbcClient jdbc;
    private final StoredPositions positions;
    private final ReadModelRebuilder rebuilder;
    private final Map<String, Sample> samples = new ConcurrentHashMap<>();

    private record Sample(long position, long nanos, double rate) {}

    ProjectionStatusReader(JdbcClient jdbc, StoredPositions positions, ReadModelRebuilder rebuilder) {
        this.jdbc = jdbc;
        this.positions = positions;
        this.rebuilder = rebuilder;
    }

    public List<ProjectionStatus> all() {
        long head = positions.head();
        List<ProjectionStatus> statuses = new ArrayList<>();
        for (String name : rebuilder.readModels()) {
            Optional<RebuildStatus> rebuild = ReadModelRebuilder.rebuild(jdbc, name);
            boolean rebuilding = rebuild.map(r -> r.status().equals("RUNNING")).orElse(false);
            double rate = rebuilding
                    ? Optional.ofNullable(rebuild.get().eventsPerSecond()).orElse(0.0)
                    : liveRate(name, head);
            Long eta = 0L;
            if (rebuilding) {
                Long position = rebuild.get().position();
                long behind = Math.max(0, head - (position == null ? 0 : position));
                eta = behind == 0 ? Long.valueOf(0) : rate > 0 ? Long.valueOf(Math.round(behind / rate)) : null;
            }
            statuses.add(new ProjectionStatus(
                    name, name, head, head, 0, version(name), rebuilding, rate, eta, rebuild.orElse(null)));
        }
        return statuses;
    }

    /** The live version's number; null while a read model has none yet. */
    Long version(String name) {
        return jdbc.sql("select version from read_model_version where name = ?")
                .param(name)
                .query(Long.class)
                .optional()
                .orElse(null);
    }

    /** Events per second written since the previous look (kept per instance, smoothed a little). */
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
}
