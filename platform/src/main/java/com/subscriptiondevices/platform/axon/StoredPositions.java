package com.subscriptiondevices.platform.axon;

import java.util.List;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Positions as the database has them, the same for every instance: each processor's stored tokens,
 * and the head of the event store.
 */
@Component
public class StoredPositions {

    private final JdbcClient jdbc;
    private final Serializer serializer;

    StoredPositions(JdbcClient jdbc, Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    /** One token per segment; null for a segment that has none yet. */
    public List<TrackingToken> tokens(String processor) {
        return jdbc.sql("select token, tokentype from tokenentry where processorname = ?")
                .param(processor)
                .query((rs, row) -> deserialize(rs.getBytes(1), rs.getString(2)))
                .list();
    }

    /** The global index of the newest event; 0 for an empty store. */
    public long head() {
        return jdbc.sql("select coalesce(max(globalindex), 0) from domainevententry")
                .query(Long.class)
                .single();
    }

    private TrackingToken deserialize(byte[] token, String type) {
        if (token == null || type == null) {
            return null;
        }
        return serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, type, null));
    }
}
