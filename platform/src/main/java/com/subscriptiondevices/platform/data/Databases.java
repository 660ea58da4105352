package com.subscriptiondevices.platform.data;

import java.sql.Connection;
import java.sql.SQLException;

/** Which database a connection talks to, where the service's behaviour differs (PostgreSQL or H2). */
public final class Databases {

    private Databases() {}

    /** Whether the connection's database is PostgreSQL (as its driver names it). */
    public static boolean postgres(Connection connection) throws SQLException {
        return "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
    }
}
