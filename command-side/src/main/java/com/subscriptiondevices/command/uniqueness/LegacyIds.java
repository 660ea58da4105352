package com.subscriptiondevices.command.uniqueness;

import java.util.function.LongFunction;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Assigns V1 (legacy) ids when a client gives none, without a round trip per write: each process takes
 * a block of ids at a time from a database sequence (the sequence's increment is the block's size, so
 * processes never share a block) and hands them out from memory. Ids left unused when a process stops
 * are never used; ids need not be dense. A client may have chosen one of them by hand: the write's
 * claim then fails and it is tried again with the next id.
 */
@Component
public class LegacyIds {

    private static final int ATTEMPTS = 10;

    private final Block subscriptions;
    private final Block devices;

    LegacyIds(JdbcClient jdbc) {
        this.subscriptions = new Block(jdbc, "subscription_legacy_id_seq");
        this.devices = new Block(jdbc, "device_legacy_id_seq");
    }

    /** Sends a write with the subscription legacy id the client gave, or with ones this service assigns. */
    public <T> T withSubscriptionLegacyId(Long given, LongFunction<T> write) {
        return with(subscriptions, given, write);
    }

    /** Sends a write with the device legacy id the client gave, or with ones this service assigns. */
    public <T> T withDeviceLegacyId(Long given, LongFunction<T> write) {
        return with(devices, given, write);
    }

    private static <T> T with(Block block, Long given, LongFunction<T> write) {
        if (given != null) {
            return write.apply(given);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return write.apply(block.next());
            } catch (LegacyIdTaken taken) {
                if (attempt == ATTEMPTS) {
                    throw taken;
                }
            }
        }
    }

    /** The ids of one sequence this process holds: from {@code next} to {@code last}. */
    private static final class Block {

        private final JdbcClient jdbc;
        private final String sequence;
        private long next = 1;
        private long last = 0;
        private long size;

        Block(JdbcClient jdbc, String sequence) {
            this.jdbc = jdbc;
            this.sequence = sequence;
        }

        synchronized long next() {
            if (next > last) {
                if (size == 0) {
                    size = jdbc.sql("select increment from information_schema.sequences where sequence_name = ?")
                            .param(sequence)
                            .query(Long.class)
                            .single();
                }
                next = jdbc.sql("select nextval('" + sequence + "')")
                        .query(Long.class)
                        .single();
                last = next + size - 1;
            }
            return next++;
        }
    }
}
