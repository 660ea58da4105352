package com.subscriptiondevices.command.uniqueness;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The command side's set-based lookup: one row per unique value. A claim is an insert that does
 * nothing when the value is taken; two racing claims serialize on the primary key, so exactly one wins.
 */
@Component
public class UniqueClaims {

    private static final String CLAIM =
            "insert into unique_claim (claim_kind, claim_value, owner_id) values (?, ?, ?) on conflict do nothing";

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;

    /** One value claimed by one owner. */
    record Claim(ClaimKind kind, String value, String owner) {}

    UniqueClaims(JdbcClient jdbc, JdbcTemplate batches) {
        this.jdbc = jdbc;
        this.batches = batches;
    }

    /**
     * Claims every value in one round trip; returns those held by someone else (none when this owner
     * holds them all now: it may have held some already, as a retried command claims again).
     */
    List<Claim> taken(List<Claim> claims) {
        int[] inserted = batches.batchUpdate(
                CLAIM,
                claims.stream()
                        .map(claim -> new Object[] {claim.kind().name(), claim.value(), claim.owner()})
                        .toList());
        List<Claim> taken = new ArrayList<>();
        for (int i = 0; i < claims.size(); i++) {
            Claim claim = claims.get(i);
            if (inserted[i] == 0 && !claim.owner().equals(ownerOf(claim.kind(), claim.value()))) {
                taken.add(claim);
            }
        }
        return taken;
    }

    /**
     * Whether the value is now this owner's (it may have been already: a retried command claims again).
     * Owners are specific enough that two different things never share one.
     */
    boolean claim(ClaimKind kind, String value, String owner) {
        int inserted = jdbc.sql(CLAIM).params(kind.name(), value, owner).update();
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
