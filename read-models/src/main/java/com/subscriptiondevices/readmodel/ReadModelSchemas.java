package com.subscriptiondevices.readmodel;

import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Every version of a read model is a schema made by Flyway from the read model's own migrations: the
 * live one is brought up to date when the service starts (after the service's own migrations), and a
 * rebuild makes a fresh one beside it.
 */
@Component
@DependsOnDatabaseInitialization
public class ReadModelSchemas {

    private static final Logger log = LoggerFactory.getLogger(ReadModelSchemas.class);

    private final DataSource dataSource;
    private final JdbcClient jdbc;

    ReadModelSchemas(DataSource dataSource, JdbcClient jdbc, List<ReadModel> models) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        models.forEach(model -> migrate(model, model.schema()));
    }

    /** Creates the schema of a version, or brings it up to date; true when it did not exist before. */
    public boolean migrate(ReadModel model, String schema) {
        MigrateResult result = Flyway.configure()
                .dataSource(dataSource)
                .schemas(schema)
                .defaultSchema(schema)
                .createSchemas(true)
                .locations(model.migrations())
                .load()
                .migrate();
        boolean created = result.initialSchemaVersion == null;
        if (result.migrationsExecuted > 0) {
            log.info(
                    "Read model {}: schema {} {} ({} migrations)",
                    model.name(),
                    schema,
                    created ? "created" : "migrated",
                    result.migrationsExecuted);
        }
        return created;
    }

    /** Drops the schema of a version, with everything in it. */
    public void drop(String schema) {
        jdbc.sql("drop schema if exists " + schema + " cascade").update();
    }
}
