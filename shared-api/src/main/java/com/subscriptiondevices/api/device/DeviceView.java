package com.subscriptiondevices.api.device;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.subscriptiondevices.api.subscription.SubscriptionId;

/**
 * A device as the V2 API shows it. {@code version} becomes the {@code ETag}; the subscription id and
 * version stay off the wire body.
 */
@JsonPropertyOrder({"id", "legacy_id", "category", "status"})
public record DeviceView(
        DeviceId id,
        long legacyId,
        @JsonIgnore SubscriptionId subscriptionId,
        DeviceCategory category,
        @JsonUnwrapped DeviceDetails details,
        @JsonIgnore long version) {

    @JsonProperty("status")
    public DeviceStatus status() {
        return details.status();
    }

    /** The same device with PIN and PUK codes left out, for callers without {@code devices:secrets}. */
    public DeviceView withoutSecrets() {
        SimCard sim = details.deviceAdditionalDetails();
        return sim == null ? this : withDetails(details.withDeviceAdditionalDetails(sim.withoutSecrets()));
    }

    public DeviceView withDetails(DeviceDetails newDetails) {
        return new DeviceView(id, legacyId, subscriptionId, category, newDetails, version);
    }
}
