package com.subscriptiondevices.api.subscription;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** A subscription's V2 identity. Its {@code toString} is the aggregate identifier in the event store. */
public record SubscriptionId(@JsonValue UUID value) {

    public SubscriptionId {
        Objects.requireNonNull(value, "value");
    }

    @JsonCreator
    public static SubscriptionId of(UUID value) {
        return new SubscriptionId(value);
    }

    public static SubscriptionId of(String value) {
        return new SubscriptionId(UUID.fromString(value));
    }

    public static SubscriptionId random() {
        return new SubscriptionId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
