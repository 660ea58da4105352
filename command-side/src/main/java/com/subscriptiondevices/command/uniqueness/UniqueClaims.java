package com.subscriptiondevices.command.uniqueness;

import com.subscriptiondevices.platform.data.WritePipeline;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The command side's set-based lookup: one row per unique value. A claim is an insert that does
 * nothing when the value is taken; two racing claims serialize on the primary key, so exactly one wins.
 * Claims and releases travel with the rest of their write ({@link WritePipeline}); a claim that finds
 * its value someone else's fails the write when it is sent, before the commit.
 */
@Component
public class UniqueClaims {

    private static final String CLAIM =
            "insert into unique_claim (claim_kind, claim_value, owner_id) values (?, ?, ?) on conflict do nothing";
    private static final String RELEASE =
            "delete from unique_claim where claim_kind = ? and claim_value = ? and owner_id = ?";

    private final JdbcClient jdbc;
    private final WritePipeline pipeline;

    UniqueClaims(JdbcClient jdbc, WritePipeline pipeline) {
        this.jdbc = jdbc;
        this.pipeline = pipeline;
    }

    /**
     * Claims the value for this owner; when it is someone else's, the write fails with what {@code taken}
     * makes. It may be this owner's already: a retried command claims again. Owners are specific enough
     * that two different things never share one.
     */
    void claim(ClaimKind kind, String value, String owner, Supplier<? extends RuntimeException> taken) {
        pipeline.send(CLAIM, new Object[] {kind.name(), value, owner}, inserted -> {
            if (inserted == 0 && !owner.equals(ownerOf(kind, value))) {
                throw taken.get();
            }
        });
    }

    /** Frees a value this owner holds; a value held by someone else stays theirs. */
    void release(ClaimKind kind, String value, String owner) {
        pipeline.send(RELEASE, kind.name(), value, owner);
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
