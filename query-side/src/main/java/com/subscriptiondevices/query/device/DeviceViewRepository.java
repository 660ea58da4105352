package com.subscriptiondevices.query.device;

import com.subscriptiondevices.api.device.DeviceCategory;
import com.subscriptiondevices.api.device.DeviceDetails;
import com.subscriptiondevices.api.device.DeviceId;
import com.subscriptiondevices.api.device.DeviceView;
import com.subscriptiondevices.api.device.SimCard;
import com.subscriptiondevices.api.subscription.SubscriptionId;
import com.subscriptiondevices.api.subscription.SubscriptionView;
import com.subscriptiondevices.query.ReadModelTables;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The device and subscription read models. A device row keeps its lookup keys in columns and its
 * details as JSON. Writes are idempotent (update, else insert), so a replay never duplicates a row.
 */
@Repository
public class DeviceViewRepository {

    private static final String DEVICE_COLUMNS =
            "d.device_id, d.subscription_id, d.legacy_id, d.category, d.version, d.details";

    private final JdbcClient jdbc;
    private final ReadModelTables tables;
    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    DeviceViewRepository(JdbcClient jdbc) {
        this(jdbc, ReadModelTables.LIVE);
    }

    /** For a rebuild: the same projection, writing the shadow tables. */
    public DeviceViewRepository(JdbcClient jdbc, ReadModelTables tables) {
        this.jdbc = jdbc;
        this.tables = tables;
    }

    void saveSubscription(SubscriptionView subscription) {
        jdbc.sql("merge into " + tables.of("subscription_view") + " t using (select cast(? as uuid) as subscription_id,"
                        + " cast(? as varchar(100)) as org, cast(? as bigint) as legacy_id,"
                        + " cast(? as bigint) as legacy_account_id) s on t.subscription_id = s.subscription_id"
                        + " when matched then update set org = s.org, legacy_id = s.legacy_id,"
                        + " legacy_account_id = s.legacy_account_id"
                        + " when not matched then insert (subscription_id, org, legacy_id, legacy_account_id, created_at)"
                        + " values (s.subscription_id, s.org, s.legacy_id, s.legacy_account_id, current_timestamp)")
                .params(
                        subscription.id().value(),
                        subscription.org(),
                        subscription.legacyId(),
                        subscription.legacyAccountId())
                .update();
    }

    /** One statement, whether the device is new or known (standard MERGE: PostgreSQL 15+ and H2). */
    void saveDevice(DeviceView device) {
        jdbc.sql("merge into " + tables.of("device_view") + " t using (select cast(? as uuid) as device_id,"
                        + " cast(? as uuid) as subscription_id, cast(? as bigint) as legacy_id,"
                        + " cast(? as varchar(10)) as category, cast(? as varchar(17)) as mac_address,"
                        + " cast(? as varchar(255)) as serial_number, cast(? as bigint) as version,"
                        + " cast(? as varchar) as details) s on t.device_id = s.device_id"
                        + " when matched then update set subscription_id = s.subscription_id, legacy_id = s.legacy_id,"
                        + " category = s.category, mac_address = s.mac_address, serial_number = s.serial_number,"
                        + " version = s.version, details = s.details"
                        + " when not matched then insert (device_id, subscription_id, legacy_id, category, mac_address,"
                        + " serial_number, version, details) values (s.device_id, s.subscription_id, s.legacy_id,"
                        + " s.category, s.mac_address, s.serial_number, s.version, s.details)")
                .params(
                        device.id().value(),
                        device.subscriptionId().value(),
                        device.legacyId(),
                        device.category().name(),
                        device.details().macAddress(),
                        device.details().serialNumber(),
                        device.version(),
                        json.writeValueAsString(device.details()))
                .update();
    }

    void changeDetails(DeviceId deviceId, DeviceDetails details, long version) {
        jdbc.sql("update " + tables.of("device_view")
                        + " set mac_address = ?, serial_number = ?, version = ?, details = ?" + " where device_id = ?")
                .params(
                        details.macAddress(),
                        details.serialNumber(),
                        version,
                        json.writeValueAsString(details),
                        deviceId.value())
                .update();
    }

    /** Puts a new SIM in the device. */
    void replaceSim(DeviceId deviceId, long version, SimCard sim) {
        jdbc.sql("select details from " + tables.of("device_view") + " where device_id = ?")
                .param(deviceId.value())
                .query(String.class)
                .optional()
                .map(text -> json.readValue(text, DeviceDetails.class))
                .ifPresent(details -> changeDetails(deviceId, details.withDeviceAdditionalDetails(sim), version));
    }

    void deleteAll() {
        jdbc.sql("delete from " + tables.of("device_view")).update();
        jdbc.sql("delete from " + tables.of("subscription_view")).update();
    }

    Optional<SubscriptionView> subscription(String org, SubscriptionId id) {
        return jdbc.sql("select subscription_id, legacy_id, legacy_account_id, org from "
                        + tables.of("subscription_view") + " where subscription_id = ? and org = ?")
                .params(id.value(), org)
                .query((rs, row) -> new SubscriptionView(
                        SubscriptionId.of(rs.getObject(1, UUID.class)), rs.getLong(2), rs.getLong(3), rs.getString(4)))
                .optional();
    }

    Optional<DeviceView> device(String org, SubscriptionId subscriptionId, DeviceId deviceId) {
        return jdbc.sql("select " + DEVICE_COLUMNS + " from " + tables.of("device_view") + " d"
                        + " join " + tables.of("subscription_view") + " s on s.subscription_id = d.subscription_id"
                        + " where d.device_id = ? and d.subscription_id = ? and s.org = ?")
                .params(deviceId.value(), subscriptionId.value(), org)
                .query(this::device)
                .optional();
    }

    List<DeviceView> devicesOf(SubscriptionId subscriptionId, String macAddress) {
        // Only the filters given: an "? is null or column = ?" condition would hide the index from the plan.
        List<Object> params = new ArrayList<>(List.of(subscriptionId.value()));
        StringBuilder sql = new StringBuilder(
                "select " + DEVICE_COLUMNS + " from " + tables.of("device_view") + " d where d.subscription_id = ?");
        if (macAddress != null) {
            sql.append(" and d.mac_address = ?");
            params.add(macAddress);
        }
        return jdbc.sql(sql.append(" order by d.legacy_id").toString())
                .params(params)
                .query(this::device)
                .list();
    }

    List<DeviceView> devicesByIdentifier(String org, String macAddress, String serialNumber) {
        List<Object> params = new ArrayList<>(List.of(org));
        StringBuilder sql = new StringBuilder("select " + DEVICE_COLUMNS + " from " + tables.of("device_view") + " d"
                + " join " + tables.of("subscription_view") + " s on s.subscription_id = d.subscription_id"
                + " where s.org = ?");
        if (macAddress != null) {
            sql.append(" and d.mac_address = ?");
            params.add(macAddress);
        }
        if (serialNumber != null) {
            sql.append(" and d.serial_number = ?");
            params.add(serialNumber);
        }
        return jdbc.sql(sql.append(" order by d.legacy_id").toString())
                .params(params)
                .query(this::device)
                .list();
    }

    private DeviceView device(ResultSet rs, int row) throws SQLException {
        return new DeviceView(
                DeviceId.of(rs.getObject(1, UUID.class)),
                rs.getLong(3),
                SubscriptionId.of(rs.getObject(2, UUID.class)),
                DeviceCategory.valueOf(rs.getString(4)),
                json.readValue(rs.getString(6), DeviceDetails.class),
                rs.getLong(5));
    }
}
