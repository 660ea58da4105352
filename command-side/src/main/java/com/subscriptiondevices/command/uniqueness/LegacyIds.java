package com.subscriptiondevices.command.uniqueness;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Assigns V1 (legacy) ids when a client gives none: the next value of a sequence that no client has
 * taken already. A client may still take the same value in the instant between; then one of the two
 * writes fails with 409 and nothing is lost.
 */
@Component
public class LegacyIds {

    private final JdbcClient jdbc;
    private final UniqueClaims claims;

    LegacyIds(JdbcClient jdbc, UniqueClaims claims) {
        this.jdbc = jdbc;
        this.claims = claims;
    }

    public long nextSubscriptionLegacyId() {
        return next("subscription_legacy_id_seq", ClaimKind.SUBSCRIPTION_LEGACY_ID);
    }

    public long nextDeviceLegacyId() {
        return next("device_legacy_id_seq", ClaimKind.DEVICE_LEGACY_ID);
    }

    private long next(String sequence, ClaimKind kind) {
        while (true) {
            long candidate = jdbc.sql("select nextval('" + sequence + "')")
                    .query(Long.class)
                    .single();
            if (!claims.isClaimed(kind, Long.toString(candidate))) {
                return candidate;
            }
        }
    }
}
