package com.subscriptiondevices.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rebuild ceiling: a plain JDBC loop that reads every event in order (a cursor with a fetch size),
 * parses its JSON with Jackson, and batch-writes the equivalent read-model rows into scratch copies
 * of {@code subscription_view} and {@code device_view} (same columns and indexes), 500 events to a
 * batch and a transaction. No framework, no tokens, no table swap: what a rebuild cannot beat.
 */
final class JdbcRebuild {

    static final int BATCH = 500;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private JdbcRebuild() {}

    record Result(long events, double seconds) {

        double eventsPerSecond() {
            return events / seconds;
        }
    }

    static void prepare(Connection jdbc) throws SQLException {
        try (Statement statement = jdbc.createStatement()) {
            statement.execute("drop table if exists bench_subscription_view, bench_device_view");
            statement.execute(
                    "create table bench_subscription_view (like device_model.subscription_view including all)");
            statement.execute("create table bench_device_view (like device_model.device_view including all)");
        }
    }

    static void drop(Connection jdbc) throws SQLException {
        try (Statement statement = jdbc.createStatement()) {
            statement.execute("drop table if exists bench_subscription_view, bench_device_view");
        }
    }

    static Result run(Options options) throws SQLException {
        try (Connection reader = connect(options);
                Connection writer = connect(options)) {
            try (Statement statement = writer.createStatement()) {
                statement.execute("truncate bench_subscription_view, bench_device_view");
            }
            reader.setAutoCommit(false);
            writer.setAutoCommit(false);
            long started = System.nanoTime();
            long events = 0;
            try (PreparedStatement subscriptions = writer.prepareStatement(
                            "insert into bench_subscription_view (subscription_id, org, legacy_id, legacy_account_id)"
                                    + " values (?, ?, ?, ?)");
                    PreparedStatement devices = writer.prepareStatement(
                            "insert into bench_device_view (device_id, subscription_id, org, legacy_id, category,"
                                    + " mac_address, serial_number, version, details)"
                                    + " values (?, ?, ?, ?, ?, ?, ?, ?, ?)");
                    PreparedStatement changes = writer.prepareStatement(
                            "update bench_device_view set mac_address = ?, serial_number = ?, version = ?,"
                                    + " details = ? where device_id = ?");
                    PreparedStatement read = reader.prepareStatement(
                            "select globalindex, payloadtype, payload from domainevententry order by globalindex")) {
                read.setFetchSize(1000);
                int pending = 0;
                // a device row carries its subscription's org: kept in memory here, the cheapest way there is
                Map<UUID, String> orgs = new HashMap<>();
                try (ResultSet rows = read.executeQuery()) {
                    while (rows.next()) {
                        String type = rows.getString(2);
                        JsonNode event = JSON.readTree(rows.getBytes(3));
                        if (type.endsWith(".SubscriptionCreated")) {
                            UUID subscription =
                                    UUID.fromString(event.get("subscriptionId").asString());
                            orgs.put(subscription, event.get("org").asString());
                            subscriptions.setObject(1, subscription);
                            subscriptions.setString(2, event.get("org").asString());
                            subscriptions.setLong(3, event.get("legacyId").asLong());
                            subscriptions.setLong(
                                    4, event.get("legacyAccountId").asLong());
                            subscriptions.addBatch();
                        } else if (type.endsWith(".DeviceAdded")) {
                            JsonNode details = event.get("details");
                            devices.setObject(
                                    1, UUID.fromString(event.get("deviceId").asString()));
                            UUID subscription =
                                    UUID.fromString(event.get("subscriptionId").asString());
                            devices.setObject(2, subscription);
                            devices.setString(3, orgs.get(subscription));
                            devices.setLong(4, event.get("legacyId").asLong());
                            devices.setString(5, event.get("category").asString());
                            devices.setString(6, text(details, "macAddress"));
                            devices.setString(7, text(details, "serialNumber"));
                            devices.setLong(8, 1);
                            devices.setString(9, JSON.writeValueAsString(details));
                            devices.addBatch();
                        } else if (type.endsWith(".DeviceDetailsChanged")) {
                            JsonNode details = event.get("details");
                            changes.setString(1, text(details, "macAddress"));
                            changes.setString(2, text(details, "serialNumber"));
                            changes.setLong(3, event.get("version").asLong());
                            changes.setString(4, JSON.writeValueAsString(details));
                            changes.setObject(
                                    5, UUID.fromString(event.get("deviceId").asString()));
                            changes.addBatch();
                        }
                        events++;
                        if (++pending == BATCH) {
                            flush(writer, subscriptions, devices, changes);
                            pending = 0;
                        }
                    }
                }
                flush(writer, subscriptions, devices, changes);
            }
            reader.commit();
            return new Result(events, (System.nanoTime() - started) / 1e9);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    /** Inserts before updates, so a device added and changed within one batch ends up changed. */
    private static void flush(Connection writer, PreparedStatement... batches) throws SQLException {
        for (PreparedStatement batch : batches) {
            batch.executeBatch();
        }
        writer.commit();
    }

    static Connection connect(Options options) throws SQLException {
        return DriverManager.getConnection(options.jdbcUrl(), options.pgUser(), options.pgPassword());
    }
}
