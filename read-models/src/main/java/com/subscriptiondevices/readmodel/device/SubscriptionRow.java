package com.subscriptiondevices.readmodel.device;

import com.subscriptiondevices.readmodel.StoredRow;
import java.util.UUID;

/** A row of {@code subscription_view}; {@code msisdn} is null while the subscription has no phone number. */
public record SubscriptionRow(UUID subscriptionId, String org, long legacyId, long legacyAccountId, String msisdn)
        implements StoredRow {

    @Override
    public String table() {
        return "subscription_view";
    }

    @Override
    public Object key() {
        return subscriptionId;
    }
}
