package com.subscriptiondevices.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The dataset: written by {@code bench/generate-events.sql} straight into the event store (loading
 * it through the API would take hours), then built into the read models by the service's own
 * projections. The scenarios pick their targets at random from a sample of it.
 */
final class Dataset {

    /** Enough to spread reads over the whole dataset without holding a million ids. */
    static final int SAMPLE = 200_000;

    final List<String> subscriptionIds = new ArrayList<>();
    final List<String> deviceIds = new ArrayList<>();
    final List<String> macAddresses = new ArrayList<>();
    final List<Long> subscriptionLegacyIds = new ArrayList<>();
    final List<String> msisdns = new ArrayList<>();

    private Dataset() {}

    int size() {
        return deviceIds.size();
    }

    /** Runs the generator with psql; returns its wall time in seconds. */
    static double generate(Options options, Path log) throws IOException, InterruptedException {
        Path script = options.repository().resolve("bench/generate-events.sql");
        List<String> command = List.of(
                "psql",
                "-X",
                "-q",
                "-h",
                options.pgHost(),
                "-p",
                Integer.toString(options.pgPort()),
                "-U",
                options.pgUser(),
                "-d",
                options.database(),
                "-v",
                "subscriptions=" + options.subscriptions(),
                "-v",
                "devices_per=" + options.devicesPerSubscription(),
                "-v",
                "devices=" + options.devices(),
                "-f",
                script.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        if (!options.pgPassword().isEmpty()) {
            builder.environment().put("PGPASSWORD", options.pgPassword());
        }
        long started = System.nanoTime();
        Process psql = builder.start();
        // about 30 s per million events on this machine; a generous bound all the same
        long limitSeconds = 120 + options.datasetEvents() / 5_000;
        if (!psql.waitFor(limitSeconds, TimeUnit.SECONDS)) {
            psql.destroyForcibly();
            throw new IllegalStateException("The dataset generator did not finish within " + limitSeconds + " s");
        }
        if (psql.exitValue() != 0) {
            throw new IllegalStateException(
                    "The dataset generator failed; see " + log + ":\n" + Files.readString(log, StandardCharsets.UTF_8));
        }
        return (System.nanoTime() - started) / 1e9;
    }

    /** A random sample of the generated devices as the read models show them. */
    static Dataset sample(Connection jdbc) throws SQLException {
        Dataset dataset = new Dataset();
        try (PreparedStatement select =
                jdbc.prepareStatement("select d.subscription_id, d.device_id, d.mac_address, s.legacy_id, n.msisdn"
                        + " from device_model.device_view d"
                        + " join v1_device_model.v1_subscription s on s.subscription_id = d.subscription_id"
                        + " join sim_swap_model.sim_swap n on n.subscription_id = d.subscription_id"
                        + " where d.serial_number like 'GEN-%' order by random() limit ?")) {
            select.setInt(1, SAMPLE);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    dataset.subscriptionIds.add(rows.getString(1));
                    dataset.deviceIds.add(rows.getString(2));
                    dataset.macAddresses.add(rows.getString(3));
                    dataset.subscriptionLegacyIds.add(rows.getLong(4));
                    dataset.msisdns.add(rows.getString(5));
                }
            }
        }
        if (dataset.size() == 0) {
            throw new IllegalStateException("The read models show none of the generated devices");
        }
        return dataset;
    }
}
