package com.subscriptiondevices.readmodel.v1;

import com.subscriptiondevices.platform.data.WritePipeline;
import com.subscriptiondevices.readmodel.ReadModel;
import com.subscriptiondevices.readmodel.StoredRow;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The V1 read model ({@code v1-device-projection}): devices as V1 shows them with their change
 * requests, in schema {@code v1_device_model}, declared by the migrations in {@code db/read-models/v1}.
 */
@Component
public class V1Model implements ReadModel {

    public static final String NAME = "v1-device-projection";
    public static final String SCHEMA = "v1_device_model";

    private final JdbcClient jdbc;
    private final JdbcOperations batches;
    private final WritePipeline pipeline;
    private final V1Reads live;

    V1Model(JdbcClient jdbc, JdbcOperations batches, WritePipeline pipeline) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.pipeline = pipeline;
        this.live = new V1Reads(new JdbcV1Store(jdbc, SCHEMA));
    }

    /** The live version, as the API reads it. */
    public V1Reads live() {
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
        return "classpath:db/read-models/v1";
    }

    @Override
    public List<String> tables() {
        return List.of("v1_subscription", "v1_device", "v1_change_request");
    }

    @Override
    public V1DeviceProjection projection(String schema) {
        return new V1DeviceProjection(new JdbcV1Store(jdbc, pipeline, schema));
    }

    @Override
    public V1DeviceProjection replayProjection(String schema) {
        return new V1DeviceProjection(new JdbcV1Store(jdbc, batches, schema));
    }

    @Override
    public InMemoryV1Model inMemory() {
        return new InMemoryV1Model();
    }

    @Override
    public List<StoredRow> rowsOf(String schema, Collection<UUID> subscriptions) {
        return rows(new JdbcV1Store(jdbc, schema), subscriptions);
    }

    @Override
    public long rowCount(String schema) {
        return new JdbcV1Store(jdbc, schema).rowCount();
    }

    static List<StoredRow> rows(V1Store store, Collection<UUID> subscriptions) {
        List<StoredRow> rows = new ArrayList<>(store.subscriptions(subscriptions));
        rows.addAll(store.devicesOfAll(subscriptions));
        rows.addAll(store.requestsOfAll(subscriptions));
        return rows;
    }

    /** The V1 read model in memory: what the projection makes of the events it is given. */
    public static final class InMemoryV1Model implements InMemoryCopy {

        private final InMemoryV1Store store = new InMemoryV1Store();
        private final V1DeviceProjection projection = new V1DeviceProjection(store);
        private final V1Reads reads = new V1Reads(store);

        @Override
        public V1DeviceProjection projection() {
            return projection;
        }

        public V1Reads reads() {
            return reads;
        }

        @Override
        public List<StoredRow> rowsOf(Collection<UUID> subscriptions) {
            return rows(store, subscriptions);
        }
    }
}
