package com.subscriptiondevices.api.device;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.UUID;

/** A device's V2 identity (its V1 identity is the integer legacy id). */
public record DeviceId(@JsonValue UUID value) {

    public DeviceId {
        Objects.requireNonNull(value, "value");
    }

    @JsonCreator
    public static DeviceId of(UUID value) {
        return new DeviceId(value);
    }

    public static DeviceId random() {
        return new DeviceId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
