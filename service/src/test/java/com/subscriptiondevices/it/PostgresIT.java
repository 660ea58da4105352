package com.subscriptiondevices.it;

import com.subscriptiondevices.platform.testing.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The service on the shared test database: every test class that runs with the default test settings. */
abstract class PostgresIT extends ServiceIT {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry properties) {
        properties.add("spring.datasource.url", TestDatabases::main);
    }
}
