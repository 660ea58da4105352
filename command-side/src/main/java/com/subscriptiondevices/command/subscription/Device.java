package com.subscriptiondevices.command.subscription;

import com.subscriptiondevices.api.device.DeviceCategory;
import com.subscriptiondevices.api.device.DeviceDetails;
import com.subscriptiondevices.api.device.DeviceId;
import com.subscriptiondevices.api.device.DeviceView;
import com.subscriptiondevices.api.subscription.SubscriptionId;
import java.util.Objects;

/** A device held by a subscription: an entity of the Subscription aggregate. Changed only by its event handlers. */
final class Device {

    private final DeviceId id;
    private final long legacyId;
    private final DeviceCategory category;
    private DeviceDetails details;
    private long version;
    private PendingReplacement pendingReplacement;

    /** A SIM replacement waiting for the network. */
    record PendingReplacement(
            java.util.UUID requestId,
            String newIccid,
            String newImsi,
            com.subscriptiondevices.api.device.FabricationType fabricationType) {}

    Device(DeviceId id, long legacyId, DeviceCategory category, DeviceDetails details) {
        this.id = id;
        this.legacyId = legacyId;
        this.category = category;
        this.details = details;
        this.version = 1;
    }

    DeviceId id() {
        return id;
    }

    long legacyId() {
        return legacyId;
    }

    DeviceCategory category() {
        return category;
    }

    DeviceDetails details() {
        return details;
    }

    long version() {
        return version;
    }

    String iccid() {
        return details.deviceAdditionalDetails() == null
                ? null
                : details.deviceAdditionalDetails().iccid();
    }

    void changeTo(DeviceDetails newDetails, long newVersion) {
        this.details = newDetails;
        this.version = newVersion;
    }

    PendingReplacement pendingReplacement() {
        return pendingReplacement;
    }

    void replacementRequested(PendingReplacement pending) {
        this.pendingReplacement = pending;
    }

    void replacementEnded() {
        this.pendingReplacement = null;
    }

    DeviceView view(SubscriptionId subscriptionId) {
        return new DeviceView(id, legacyId, subscriptionId, category, details, version);
    }

    /** By value: a device rebuilt from its events equals the one that applied them. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Device that
                && legacyId == that.legacyId
                && version == that.version
                && id.equals(that.id)
                && category == that.category
                && details.equals(that.details)
                && Objects.equals(pendingReplacement, that.pendingReplacement);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, legacyId, category, details, version, pendingReplacement);
    }
}
