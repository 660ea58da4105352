package com.subscriptiondevices.readmodel;

import com.subscriptiondevices.platform.testing.TestDatabases;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A schema of a test's own on the test database (PostgreSQL), made by a read model's migrations and
 * dropped after the test, with the ways to reach it: statements, batches and transactions.
 */
public final class ScratchSchema {

    private final String name;
    private final PGSimpleDataSource dataSource = new PGSimpleDataSource();
    private final JdbcClient jdbc;
    private final JdbcTemplate batches;
    private final TransactionTemplate transaction;

    public ScratchSchema(String prefix) {
        name = prefix + "_" + UUID.randomUUID().toString().replace("-", "");
        dataSource.setURL(TestDatabases.main());
        dataSource.setUser(TestDatabases.user());
        jdbc = JdbcClient.create(dataSource);
        batches = new JdbcTemplate(dataSource);
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    public String name() {
        return name;
    }

    public JdbcClient jdbc() {
        return jdbc;
    }

    /** Statements on the connection of the current transaction, and batches of them. */
    public JdbcTemplate batches() {
        return batches;
    }

    public TransactionTemplate transaction() {
        return transaction;
    }

    /** Makes the schema with every migration at {@code location} (e.g. {@code db/read-models/v1}). */
    public void migrate(String location) {
        migrate(location, null);
    }

    /** Makes the schema with the migrations at {@code location} up to version {@code target} (null: all). */
    public void migrate(String location, String target) {
        FluentConfiguration configuration = Flyway.configure()
                .dataSource(dataSource)
                .schemas(name)
                .defaultSchema(name)
                .createSchemas(true)
                .locations("classpath:" + location);
        if (target != null) {
            configuration.target(target);
        }
        configuration.load().migrate();
    }

    public void drop() {
        jdbc.sql("drop schema if exists " + name + " cascade").update();
    }
}
