package com.subscriptiondevices.readmodel.simswap;

import com.subscriptiondevices.platform.data.WritePipeline;
import com.subscriptiondevices.readmodel.ReadModel;
import com.subscriptiondevices.readmodel.StoredRow;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The SIM swap read model ({@code sim-swap-projection}): each phone number with its holder's org and
 * its latest SIM change, in schema {@code sim_swap_model}, declared by the migrations in
 * {@code db/read-models/simswap}. The CAMARA SIM swap checks read it, never the event store.
 */
@Component
public class SimSwapModel implements ReadModel {

    public static final String NAME = "sim-swap-projection";
    public static final String SCHEMA = "sim_swap_model";

    private final JdbcClient jdbc;
    private final WritePipeline pipeline;
    private final SimSwapReads live;

    SimSwapModel(JdbcClient jdbc, WritePipeline pipeline) {
        this.jdbc = jdbc;
        this.pipeline = pipeline;
        this.live = new SimSwapReads(new JdbcSimSwapStore(jdbc, SCHEMA));
    }

    /** The live version, as the API reads it. */
    public SimSwapReads live() {
        return live;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String schema() {
        return SCHEMA;
    }

    @Override
    public String migrations() {
        return "classpath:db/read-models/simswap";
    }

    @Override
    public List<String> tables() {
        return List.of("sim_swap");
    }

    @Override
    public SimSwapProjection projection(String schema) {
        return new SimSwapProjection(new JdbcSimSwapStore(jdbc, pipeline, schema));
    }

    /** Each write at once: a replay's statements depend on each other's order. */
    @Override
    public SimSwapProjection replayProjection(String schema) {
        return new SimSwapProjection(new JdbcSimSwapStore(jdbc, schema));
    }

    @Override
    public InMemorySimSwapModel inMemory() {
        return new InMemorySimSwapModel();
    }

    @Override
    public List<StoredRow> rowsOf(String schema, Collection<UUID> subscriptions) {
        return List.copyOf(new JdbcSimSwapStore(jdbc, schema).ofSubscriptions(subscriptions));
    }

    @Override
    public long rowCount(String schema) {
        return new JdbcSimSwapStore(jdbc, schema).rowCount();
    }

    /** The SIM swap read model in memory: what the projection makes of the events it is given. */
    public static final class InMemorySimSwapModel implements InMemoryCopy {

        private final InMemorySimSwapStore store = new InMemorySimSwapStore();
        private final SimSwapProjection projection = new SimSwapProjection(store);
        private final SimSwapReads reads = new SimSwapReads(store);

        @Override
        public SimSwapProjection projection() {
            return projection;
        }

        public SimSwapReads reads() {
            return reads;
        }

        @Override
        public List<StoredRow> rowsOf(Collection<UUID> subscriptions) {
            return List.copyOf(store.ofSubscriptions(subscriptions));
        }
    }
}
