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
        int updated = jdbc.sql("update " + tables.of("subscription_view")
                        + " set org = ?, legacy_id = ?, legacy_account_id = ?" + " where subscription_id = ?")
                .params(
                        subscription.org(),
                        subscription.legacyId(),
                        subscription.legacyAccountId(),
                        subscription.id().value())
                .update();
        if (updated == 0) {
            jdbc.sql("insert into " + tables.of("subscription_view")
                            + " (subscription_id, org, legacy_id, legacy_account_id, created_at)"
                            + " values (?, ?, ?, ?, current_timestamp)")
                    .params(
                            subscription.id().value(),
                            subscription.org(),
                            subscription.legacyId(),
                            subscription.legacyAccountId())
                    .update();
        }
    }

    void saveDevice(DeviceView device) {
        String details = json.writeValueAsString(device.details());
        int updated = jdbc.sql(
                        "update " + tables.of("device_view") + " set subscription_id = ?, legacy_id = ?, category = ?,"
                                + " mac_address = ?, serial_number = ?, version = ?, details = ? where device_id = ?")
                .params(
                        device.subscriptionId().value(),
                        device.legacyId(),
                        device.category().name(),
                        device.details().macAddress(),
                        device.details().serialNumber(),
                        device.version(),
                        details,
                        device.id().value())
                .update();
        if (updated == 0) {
            jdbc.sql("insert into " + tables.of("device_view")
                            + " (device_id, subscription_id, legacy_id, category, mac_address,"
                            + " serial_number, version, details) values (?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(
                            device.id().value(),
                            device.subscriptionId().value(),
                            device.legacyId(),
                            device.category().name(),
                            device.details().macAddress(),
                            device.details().serialNumber(),
                            device.version(),
                            details)
                    .update();
        }
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
        return jdbc.sql("select " + DEVICE_COLUMNS + " from " + tables.of("device_view")
                        + " d where d.subscription_id = ?"
                        + " and (cast(? as varchar) is null or d.mac_address = ?) order by d.legacy_id")
                .params(subscriptionId.value(), macAddress, macAddress)
                .query(this::device)
                .list();
    }

    List<DeviceView> devicesByIdentifier(String org, String macAddress, String serialNumber) {
        return jdbc.sql("select " + DEVICE_COLUMNS + " from " + tables.of("device_view") + " d"
                        + " join " + tables.of("subscription_view") + " s on s.subscription_id = d.subscription_id"
                        + " where s.org = ?"
                        + " and (cast(? as varchar) is null or d.mac_address = ?)"
                        + " and (cast(? as varchar) is null or d.serial_number = ?)"
                        + " order by d.legacy_id")
                .params(org, macAddress, macAddress, serialNumber, serialNumber)
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
