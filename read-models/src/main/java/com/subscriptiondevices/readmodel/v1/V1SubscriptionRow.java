package com.subscriptiondevices.readmodel.v1;

import com.subscriptiondevices.readmodel.StoredRow;
import java.util.UUID;

/** A row of {@code v1_subscription}. */
public record V1SubscriptionRow(UUID subscriptionId, String org, long legacyId) implements StoredRow {

    @Override
    public String table() {
        return "v1_subscription";
    }

    @Override
    public Object key() {
        return subscriptionId;
    }
}
