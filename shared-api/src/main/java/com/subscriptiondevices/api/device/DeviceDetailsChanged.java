package com.subscriptiondevices.api.device;

import com.subscriptiondevices.api.subscription.SubscriptionId;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * A client changed what is known about a device (through a JSON Patch). Carries the whole resulting
 * details, the device's new version and the operations with their reasons, for the audit trail.
 */
@Revision("1")
public record DeviceDetailsChanged(
        SubscriptionId subscriptionId,
        DeviceId deviceId,
        long version,
        DeviceDetails details,
        List<AppliedOperation> operations) {

    public DeviceDetailsChanged {
        operations = operations == null ? List.of() : List.copyOf(operations);
    }
}
