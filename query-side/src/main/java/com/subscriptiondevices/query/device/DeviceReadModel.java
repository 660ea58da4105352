package com.subscriptiondevices.query.device;

import com.subscriptiondevices.query.ReadModelTables;
import com.subscriptiondevices.query.RebuildableReadModel;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The V2 device read model, as the rebuild sees it. */
@Component
class DeviceReadModel implements RebuildableReadModel {

    private final JdbcClient jdbc;

    DeviceReadModel(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String processingGroup() {
        return DeviceProjection.GROUP;
    }

    @Override
    public List<String> tables() {
        return List.of("subscription_view", "device_view");
    }

    @Override
    public Object projection(ReadModelTables tables) {
        return new DeviceProjection(new DeviceViewRepository(jdbc, tables));
    }
}
