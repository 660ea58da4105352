package com.subscriptiondevices.platform.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The PostgreSQL databases the integration tests run on. Each is created when missing, so the test
 * command works on any machine with a PostgreSQL server at {@code 127.0.0.1:5432} (user {@code postgres}).
 * Override with {@code TEST_DATABASE_URL} / {@code TEST_SPLIT_DATABASE_URL}.
 */
public final class TestDatabases {

    private static final Pattern URL = Pattern.compile("jdbc:postgresql://([^/]+)/([A-Za-z0-9_]+)(\\?.*)?");

    private TestDatabases() {}

    /** The main test database: the service's tests and the projection tests. */
    public static String main() {
        return ensure(env("TEST_DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/subscription_devices_test"));
    }

    /** A database of its own for the split deployment, so no other test's processors touch it. */
    public static String split() {
        return ensure(
                env("TEST_SPLIT_DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/subscription_devices_test_split"));
    }

    /**
     * A database of its own for tests that run processes with other settings (a slow network, a
     * restart), named after {@link #main()} ({@code <main>_<name>}): no other test's processors touch it.
     */
    public static String dedicated(String name) {
        Matcher parts =
                URL.matcher(env("TEST_DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/subscription_devices_test"));
        if (!parts.matches()) {
            throw new IllegalStateException("TEST_DATABASE_URL is not a PostgreSQL URL");
        }
        return ensure("jdbc:postgresql://" + parts.group(1) + "/" + parts.group(2) + "_" + name);
    }

    /** A plain data source on {@link #main()}: a new connection each time, no pool. */
    public static PGSimpleDataSource mainDataSource() {
        return dataSource(main());
    }

    /** A plain data source on {@link #dedicated}{@code (name)}: a new connection each time, no pool. */
    public static PGSimpleDataSource dedicatedDataSource(String name) {
        return dataSource(dedicated(name));
    }

    private static PGSimpleDataSource dataSource(String url) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url);
        dataSource.setUser(user());
        dataSource.setPassword(System.getenv().getOrDefault("TEST_DATABASE_PASSWORD", ""));
        return dataSource;
    }

    public static String user() {
        return env("TEST_DATABASE_USER", "postgres");
    }

    private static synchronized String ensure(String url) {
        Matcher parts = URL.matcher(url);
        if (!parts.matches()) {
            return url;
        }
        String database = parts.group(2);
        String maintenance = "jdbc:postgresql://" + parts.group(1) + "/postgres";
        try (Connection connection = DriverManager.getConnection(
                maintenance, user(), System.getenv().getOrDefault("TEST_DATABASE_PASSWORD", ""))) {
            try (PreparedStatement exists =
                    connection.prepareStatement("select 1 from pg_database where datname = ?")) {
                exists.setString(1, database);
                try (ResultSet found = exists.executeQuery()) {
                    if (found.next()) {
                        return url;
                    }
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("create database " + database);
            }
        } catch (SQLException e) {
            if (!"42P04".equals(e.getSQLState())) { // created by someone else meanwhile
                throw new IllegalStateException(
                        "Cannot prepare the test database " + url + " (is PostgreSQL running at 127.0.0.1:5432?)", e);
            }
        }
        return url;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
