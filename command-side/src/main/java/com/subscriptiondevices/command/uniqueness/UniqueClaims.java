package com.subscriptiondevices.command.uniqueness;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The command side's set-based lookup: one row per unique value. A claim is an insert that does
 * nothing when the value is taken; two racing claims serialize on the primary key, so exactly one wins.
 */
@Component
public class UniqueClaims {

    private final JdbcClient jdbc;

    UniqueClaims(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Whether the value is now this owner's (it may have been already: a retried command claims again).
     * Owners are specific enough that two different things never share one.
     */
    boolean claim(ClaimKind kind, String value, String owner) {
        int inserted = jdbc.sql("insert into unique_claim (claim_kind, claim_value, owner_id) values (?, ?, ?)"
                        + " on conflict do nothing")
                .params(kind.name(), value, owner)
                .update();
        return inserted == 1 || owner.equals(ownerOf(kind, value));
    }

    /** Frees a value this owner holds; a value held by someone else stays theirs. */
    void release(ClaimKind kind, String value, String owner) {
        jdbc.sql("delete from unique_claim where claim_kind = ? and claim_value = ? and owner_id = ?")
                .params(kind.name(), value, owner)
                .update();
    }

    /** Who holds the value, if anyone. */
    public String ownerOf(ClaimKind kind, String value) {
        return jdbc.sql("select owner_id from unique_claim where claim_kind = ? and claim_value = ?")
                .params(kind.name(), value)
                .query(String.class)
                .optional()
                .orElse(null);
    }
}
