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
 * The rebuild ceiling: a plain JDBC loop that reads every event in order (pages of 1,000 by global
 * index, each query in its own snapshot), parses its JSON with Jackson, and batch-writes the equivalent
 * read-model rows into scratch copies of {@code subscription_view} and {@code device_view} (same
 * columns and indexes), 500 events to a batch and a transaction. No framework, no tokens, no table
 * swap: what a rebuild cannot beat.
 *
 * <p>It reads in pages, as the service does, and not through one cursor: a cursor's snapshot, held for
 * the whole loop, keeps every old version of every row alive, and the benchmark's PATCH scenario
 * updates one device tens of thousands of times, so each update of it walked all of its versions
 * (1,600 events/s instead of tens of thousands).
 */
final class JdbcRebuild {

    static final int BATCH = 500;
    static final int PAGE = 1000;

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
                    PreparedStatement page = reader.prepareStatement(
                            "select globalindex, payloadtype, payload from domainevententry where globalindex > ?"
                                    + " order by globalindex limit " + PAGE)) {
                int pending = 0;
                // a device row carries its subscription's org: kept in memory here, the cheapest way there is
                Map<UUID, String> orgs = new HashMap<>();
                long after = Long.MIN_VALUE;
                int inPage;
                do {
                    inPage = 0;
                    page.setLong(1, after);
                    try (ResultSet rows = page.executeQuery()) {
                        while (rows.next()) {
                            after = rows.getLong(1);
                            inPage++;
                            String type = rows.getString(2);
                            JsonNode event = JSON.readTree(rows.getBytes(3));
                            if (type.endsWith(".SubscriptionCreated")) {
                                UUID subscription = UUID.fromString(
                                        event.get("subscriptionId").asString());
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
                                UUID subscription = UUID.fromString(
                                        event.get("subscriptionId").asString());
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
                } while (inPage == PAGE);
                flush(writer, subscriptions, devices, changes);
            }
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
