package com.subscriptiondevices.query.v1;

import com.subscriptiondevices.query.ReadModelTables;
import com.subscriptiondevices.query.RebuildableReadModel;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The V1 read model (devices with their change-request history), as the rebuild sees it. */
@Component
class V1ReadModel implements RebuildableReadModel {

    private final JdbcClient jdbc;

    V1ReadModel(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String processingGroup() {
        return V1DeviceProjection.GROUP;
    }

    @Override
    public List<String> tables() {
        return List.of("v1_subscription", "v1_device", "v1_change_request");
    }

    @Override
    public Object projection(ReadModelTables tables) {
        return new V1DeviceProjection(new V1DeviceViewRepository(jdbc, tables));
    }
}
