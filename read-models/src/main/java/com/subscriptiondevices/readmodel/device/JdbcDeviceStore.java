package com.subscriptiondevices.readmodel.device;

import com.subscriptiondevices.platform.data.WritePipeline;
import com.subscriptiondevices.readmodel.BatchedWrites;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The V2 device read model in the tables of one version (one schema). Each write is one statement;
 * upserts are standard MERGE (PostgreSQL 15+ and H2). A replay's store batches its writes
 * ({@link BatchedWrites}): subscriptions, phone numbers, devices, then their changes.
 */
final class JdbcDeviceStore implements DeviceStore {

    private static final String DEVICE_COLUMNS = "d.device_id, d.subscription_id, d.org, d.legacy_id, d.category,"
            + " d.mac_address, d.serial_number, d.iccid, d.imsi, d.imei, d.version, d.details";

    private final JdbcClient jdbc;
    private final String subscriptions;
    private final String devices;
    private final String mergeSubscription;
    private final String mergeDevice;
    private final String changeDetails;
    private final String changeMsisdn;
    private final BatchedWrites writes;

    /** The store of the version in {@code schema}, writing each change at once. */
    JdbcDeviceStore(JdbcClient jdbc, String schema) {
        this(jdbc, null, null, schema);
    }

    /** The live store of the version in {@code schema}, writing each change with the rest of the write. */
    JdbcDeviceStore(JdbcClient jdbc, WritePipeline pipeline, String schema) {
        this(jdbc, null, pipeline, schema);
    }

    /** With {@code batches}, the store of a replay, holding its writes back until a read or the commit. */
    JdbcDeviceStore(JdbcClient jdbc, JdbcOperations batches, String schema) {
        this(jdbc, batches, null, schema);
    }

    private JdbcDeviceStore(JdbcClient jdbc, JdbcOperations batches, WritePipeline pipeline, String schema) {
        this.jdbc = jdbc;
        this.subscriptions = schema + ".subscription_view";
        this.devices = schema + ".device_view";
        this.mergeSubscription = "merge into " + subscriptions + " t using (select cast(? as uuid) as subscription_id,"
                + " cast(? as varchar(100)) as org, cast(? as bigint) as legacy_id,"
                + " cast(? as bigint) as legacy_account_id, cast(? as varchar(16)) as msisdn) s"
                + " on t.subscription_id = s.subscription_id"
                + " when matched then update set org = s.org, legacy_id = s.legacy_id,"
                + " legacy_account_id = s.legacy_account_id, msisdn = s.msisdn"
                + " when not matched then insert (subscription_id, org, legacy_id, legacy_account_id, msisdn)"
                + " values (s.subscription_id, s.org, s.legacy_id, s.legacy_account_id, s.msisdn)";
        // a device's org is its subscription's, taken in the same statement
        this.mergeDevice = "merge into " + devices + " t using (select cast(? as uuid) as device_id,"
                + " cast(? as uuid) as subscription_id, (select org from " + subscriptions
                + " where subscription_id = cast(? as uuid)) as org, cast(? as bigint) as legacy_id,"
                + " cast(? as varchar(10)) as category, cast(? as varchar(17)) as mac_address,"
                + " cast(? as varchar(255)) as serial_number, cast(? as varchar(20)) as iccid,"
                + " cast(? as varchar(15)) as imsi, cast(? as varchar(15)) as imei, cast(? as bigint) as version,"
                + " cast(? as varchar) as details) s on t.device_id = s.device_id"
                + " when matched then update set subscription_id = s.subscription_id, org = s.org,"
                + " legacy_id = s.legacy_id, category = s.category, mac_address = s.mac_address,"
                + " serial_number = s.serial_number, iccid = s.iccid, imsi = s.imsi, imei = s.imei,"
                + " version = s.version, details = s.details"
                + " when not matched then insert (device_id, subscription_id, org, legacy_id, category, mac_address,"
                + " serial_number, iccid, imsi, imei, version, details) values (s.device_id, s.subscription_id,"
                + " s.org, s.legacy_id, s.category, s.mac_address, s.serial_number, s.iccid, s.imsi, s.imei,"
                + " s.version, s.details)";
        this.changeMsisdn = "update " + subscriptions + " set msisdn = ? where subscription_id = ?";
        this.changeDetails = "update " + devices + " set mac_address = ?, serial_number = ?, iccid = ?, imsi = ?,"
                + " imei = ?, version = ?, details = ? where device_id = ?";
        this.writes =
                new BatchedWrites(jdbc, batches, pipeline, mergeSubscription, changeMsisdn, mergeDevice, changeDetails);
    }

    @Override
    public void put(SubscriptionRow subscription) {
        writes.write(
                mergeSubscription,
                subscription.subscriptionId(),
                subscription.org(),
                subscription.legacyId(),
                subscription.legacyAccountId(),
                subscription.msisdn());
    }

    @Override
    public void changeMsisdn(UUID subscriptionId, String msisdn) {
        writes.write(changeMsisdn, msisdn, subscriptionId);
    }

    @Override
    public void put(DeviceRow device) {
        writes.write(
                mergeDevice,
                device.deviceId(),
                device.subscriptionId(),
                device.subscriptionId(),
                device.legacyId(),
                device.category(),
                device.macAddress(),
                device.serialNumber(),
                device.iccid(),
                device.imsi(),
                device.imei(),
                device.version(),
                device.details());
    }

    @Override
    public void changeDetails(UUID deviceId, DeviceKeys keys, long version, String details) {
        writes.overwrite(
                changeDetails,
                deviceId,
                keys.macAddress(),
                keys.serialNumber(),
                keys.iccid(),
                keys.imsi(),
                keys.imei(),
                version,
                details,
                deviceId);
    }

    @Override
    public Optional<String> details(UUID deviceId) {
        writes.flush();
        return jdbc.sql("select details from " + devices + " where device_id = ?")
                .param(deviceId)
                .query(String.class)
                .optional();
    }

    @Override
    public Optional<SubscriptionRow> subscription(String org, UUID subscriptionId) {
        writes.flush();
        return jdbc.sql("select subscription_id, org, legacy_id, legacy_account_id, msisdn from " + subscriptions
                        + " where subscription_id = ? and org = ?")
                .params(subscriptionId, org)
                .query(JdbcDeviceStore::subscriptionRow)
                .optional();
    }

    @Override
    public Optional<DeviceRow> device(String org, UUID subscriptionId, UUID deviceId) {
        writes.flush();
        return jdbc.sql(deviceById())
                .params(deviceId, subscriptionId, org)
                .query(JdbcDeviceStore::deviceRow)
                .optional();
    }

    @Override
    public RowPage devicesOf(UUID subscriptionId, String macAddress, long offset, int limit) {
        writes.flush();
        return page(ofSubscription(subscriptionId, macAddress), offset, limit);
    }

    @Override
    public RowPage devicesByIdentifier(String org, DeviceKeys filter, long offset, int limit) {
        writes.flush();
        return page(byIdentifier(org, filter), offset, limit);
    }

    /** The statement of a read of one device, by id within its subscription and org. */
    String deviceById() {
        return "select " + DEVICE_COLUMNS + " from " + devices + " d"
                + " where d.device_id = ? and d.subscription_id = ? and d.org = ?";
    }

    /** Which rows the subscription's devices are, optionally only those with the MAC address. */
    Selection ofSubscription(UUID subscriptionId, String macAddress) {
        // Only the filters given: an "? is null or column = ?" condition would hide the index from the plan.
        Selection selection = new Selection(" from " + devices + " d where d.subscription_id = ?", subscriptionId);
        return macAddress == null ? selection : selection.and("mac_address", macAddress);
    }

    /** Which rows the org's devices with every key of the filter are: one index scan, whatever the statistics. */
    Selection byIdentifier(String org, DeviceKeys filter) {
        return new Selection(" from " + devices + " d where d.org = ?", org)
                .and("mac_address", filter.macAddress())
                .and("serial_number", filter.serialNumber())
                .and("iccid", filter.iccid())
                .and("imsi", filter.imsi())
                .and("imei", filter.imei());
    }

    /** The statement of one page of a selection, counting the rows it selects in all in the same statement. */
    static String pageOf(Selection selection) {
        return "select " + DEVICE_COLUMNS + ", count(*) over ()" + selection.fromWhere()
                + " order by d.legacy_id offset ? rows fetch next ? rows only";
    }

    /** A {@code from ... where ...} clause of device rows and its parameters. */
    record Selection(String fromWhere, List<Object> params) {

        Selection(String fromWhere, Object param) {
            this(fromWhere, List.of(param));
        }

        /** With the column equal to the value too; the same selection when there is no value. */
        Selection and(String column, Object value) {
            if (value == null) {
                return this;
            }
            List<Object> more = new ArrayList<>(params);
            more.add(value);
            return new Selection(fromWhere + " and d." + column + " = ?", List.copyOf(more));
        }

        List<Object> withPage(long offset, int limit) {
            List<Object> paged = new ArrayList<>(params);
            paged.add(offset);
            paged.add(limit);
            return paged;
        }
    }

    /**
     * One page of the rows of a selection, in legacy id order, with the number of them all counted in the
     * same statement; only a page past the end needs a count of its own.
     */
    private RowPage page(Selection selection, long offset, int limit) {
        List<Counted> rows = jdbc.sql(pageOf(selection))
                .params(selection.withPage(offset, limit))
                .query((rs, row) -> new Counted(deviceRow(rs, row), rs.getLong(13)))
                .list();
        long total;
        if (!rows.isEmpty()) {
            total = rows.get(0).total();
        } else if (offset == 0) {
            total = 0;
        } else {
            total = jdbc.sql("select count(*)" + selection.fromWhere())
                    .params(selection.params())
                    .query(Long.class)
                    .single();
        }
        return new RowPage(rows.stream().map(Counted::row).toList(), total);
    }

    /** A row of a page, with the number of rows that matched in all. */
    private record Counted(DeviceRow row, long total) {}

    @Override
    public List<SubscriptionRow> subscriptions(Collection<UUID> subscriptionIds) {
        writes.flush();
        if (subscriptionIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select subscription_id, org, legacy_id, legacy_account_id, msisdn from " + subscriptions
                        + " where subscription_id in (:ids)")
                .param("ids", List.copyOf(subscriptionIds))
                .query(JdbcDeviceStore::subscriptionRow)
                .list();
    }

    @Override
    public List<DeviceRow> devicesOfAll(Collection<UUID> subscriptionIds) {
        writes.flush();
        if (subscriptionIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + DEVICE_COLUMNS + " from " + devices + " d where d.subscription_id in (:ids)")
                .param("ids", List.copyOf(subscriptionIds))
                .query(JdbcDeviceStore::deviceRow)
                .list();
    }

    long rowCount() {
        writes.flush();
        return jdbc.sql("select (select count(*) from " + subscriptions + ") + (select count(*) from " + devices + ")")
                .query(Long.class)
                .single();
    }

    private static SubscriptionRow subscriptionRow(ResultSet rs, int row) throws SQLException {
        return new SubscriptionRow(
                rs.getObject(1, UUID.class), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getString(5));
    }

    private static DeviceRow deviceRow(ResultSet rs, int row) throws SQLException {
        return new DeviceRow(
                rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class),
                rs.getString(3),
                rs.getLong(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                rs.getString(9),
                rs.getString(10),
                rs.getLong(11),
                rs.getString(12));
    }
}
