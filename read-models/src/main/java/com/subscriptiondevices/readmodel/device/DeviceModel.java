package com.subscriptiondevices.readmodel.device;

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
 * The V2 device read model ({@code device-projection}): subscriptions and devices, in schema
 * {@code device_model}, declared by the migrations in {@code db/read-models/device}.
 */
@Component
public class DeviceModel implements ReadModel {

    public static final String NAME = "device-projection";
    public static final String SCHEMA = "device_model";

    private final JdbcClient jdbc;
    private final JdbcOperations batches;
    private final WritePipeline pipeline;
    private final DeviceReads live;

    DeviceModel(JdbcClient jdbc, JdbcOperations batches, WritePipeline pipeline) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.pipeline = pipeline;
        this.live = new DeviceReads(new JdbcDeviceStore(jdbc, SCHEMA));
    }

    /** The live version, as the API reads it. */
    public DeviceReads live() {
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
        return "classpath:db/read-models/device";
    }

    @Override
    public List<String> tables() {
        return List.of("subscription_view", "device_view");
    }

    @Override
    public DeviceProjection projection(String schema) {
        return new DeviceProjection(new JdbcDeviceStore(jdbc, pipeline, schema));
    }

    @Override
    public DeviceProjection replayProjection(String schema) {
        return new DeviceProjection(new JdbcDeviceStore(jdbc, batches, schema));
    }

    @Override
    public InMemoryDeviceModel inMemory() {
        return new InMemoryDeviceModel();
    }

    @Override
    public List<StoredRow> rowsOf(String schema, Collection<UUID> subscriptions) {
        return rows(new JdbcDeviceStore(jdbc, schema), subscriptions);
    }

    @Override
    public long rowCount(String schema) {
        return new JdbcDeviceStore(jdbc, schema).rowCount();
    }

    static List<StoredRow> rows(DeviceStore store, Collection<UUID> subscriptions) {
        List<StoredRow> rows = new ArrayList<>(store.subscriptions(subscriptions));
        rows.addAll(store.devicesOfAll(subscriptions));
        return rows;
    }

    /** The device read model in memory: what the projection makes of the events it is given. */
    public static final class InMemoryDeviceModel implements InMemoryCopy {

        private final InMemoryDeviceStore store = new InMemoryDeviceStore();
        private final DeviceProjection projection = new DeviceProjection(store);
        private final DeviceReads reads = new DeviceReads(store);

        @Override
        public DeviceProjection projection() {
            return projection;
        }

        public DeviceReads reads() {
            return reads;
        }

        @Override
        public List<StoredRow> rowsOf(Collection<UUID> subscriptions) {
            return rows(store, subscriptions);
        }
    }
}
