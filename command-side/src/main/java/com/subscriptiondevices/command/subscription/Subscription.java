package com.subscriptiondevices.command.subscription;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.subscriptiondevices.api.device.AddDevice;
import com.subscriptiondevices.api.device.AppliedOperation;
import com.subscriptiondevices.api.device.DeviceAdded;
import com.subscriptiondevices.api.device.DeviceCategory;
import com.subscriptiondevices.api.device.DeviceDetails;
import com.subscriptiondevices.api.device.DeviceDetailsChanged;
import com.subscriptiondevices.api.device.DeviceId;
import com.subscriptiondevices.api.device.DeviceView;
import com.subscriptiondevices.api.device.SimCard;
import com.subscriptiondevices.api.error.DomainException;
import com.subscriptiondevices.api.error.ErrorCode;
import com.subscriptiondevices.api.subscription.CreateSubscription;
import com.subscriptiondevices.api.subscription.SubscriptionCreated;
import com.subscriptiondevices.api.subscription.SubscriptionId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A subscription and the devices it holds. It decides, then applies events; its state changes only
 * in the event-sourcing handlers. No beans, no I/O: uniqueness across subscriptions is the
 * command side's claims table, format rules are the web edge's.
 */
@Aggregate(cache = "subscriptionCache")
class Subscription {

    @AggregateIdentifier
    private SubscriptionId id;

    private String org;
    private long legacyId;
    private final Map<DeviceId, Device> devices = new LinkedHashMap<>();

    protected Subscription() {
        // for Axon: rebuilt from events
    }

    @CommandHandler
    Subscription(CreateSubscription command) {
        apply(new SubscriptionCreated(
                command.subscriptionId(), command.org(), command.legacyId(), command.legacyAccountId()));
    }

    @CommandHandler
    DeviceView handle(AddDevice command) {
        requireOrg(command.org());
        if (devices.containsKey(command.deviceId())) {
            throw new DomainException(
                    ErrorCode.DEVICE_ALREADY_EXISTS, "A device with id " + command.deviceId() + " exists already.");
        }
        if (devices.values().stream().anyMatch(d -> d.legacyId() == command.legacyId())) {
            throw new DomainException(
                    ErrorCode.DEVICE_ALREADY_EXISTS,
                    "A device with legacy_id " + command.legacyId() + " exists already.");
        }
        DeviceDetails details = command.details();
        checkCategory(command.category(), details);
        checkDates(details);
        String iccid = iccidOf(details);
        if (iccid != null && devices.values().stream().anyMatch(d -> iccid.equals(d.iccid()))) {
            throw new DomainException(ErrorCode.ICCID_IN_USE, "The ICCID " + iccid + " is in use by another device.");
        }
        apply(new DeviceAdded(id, command.deviceId(), command.legacyId(), command.category(), details));
        return devices.get(command.deviceId()).view(id);
    }

    /**
     * The device as it is now, for a caller of this org.
     *
     * @param expectedVersion the version the client saw ({@code If-Match}), or null for whatever is latest
     */
    DeviceView device(String callerOrg, DeviceId deviceId, Long expectedVersion) {
        requireOrg(callerOrg);
        Device device = existing(deviceId);
        if (expectedVersion != null && expectedVersion != device.version()) {
            throw new DomainException(
                    ErrorCode.STALE_VERSION,
                    "The device is at version " + device.version() + ", not " + expectedVersion
                            + "; read it again and retry.");
        }
        return device.view(id);
    }

    /** Changes what is known about a device to {@code newDetails}. A change to nothing applies no event. */
    DeviceView changeDevice(
            String callerOrg, DeviceId deviceId, DeviceDetails newDetails, List<AppliedOperation> operations) {
        requireOrg(callerOrg);
        Device device = existing(deviceId);
        checkCategory(device.category(), newDetails);
        checkDates(newDetails);
        SimCard before = device.details().deviceAdditionalDetails();
        SimCard after = newDetails.deviceAdditionalDetails();
        if (before != null
                && (!Objects.equals(before.iccid(), after.iccid()) || !Objects.equals(before.imsi(), after.imsi()))) {
            throw new DomainException(
                    ErrorCode.INVALID_PATCH,
                    "The ICCID and IMSI of a SIM are read-only; a SIM is swapped through a replacement.");
        }
        if (device.details().equals(newDetails)) {
            return device.view(id);
        }
        apply(new DeviceDetailsChanged(id, deviceId, device.version() + 1, newDetails, operations));
        return device.view(id);
    }

    @EventSourcingHandler
    void on(SubscriptionCreated event) {
        this.id = event.subscriptionId();
        this.org = event.org();
        this.legacyId = event.legacyId();
    }

    @EventSourcingHandler
    void on(DeviceAdded event) {
        devices.put(
                event.deviceId(), new Device(event.deviceId(), event.legacyId(), event.category(), event.details()));
    }

    @EventSourcingHandler
    void on(DeviceDetailsChanged event) {
        devices.get(event.deviceId()).changeTo(event.details(), event.version());
    }

    private void requireOrg(String callerOrg) {
        if (!org.equals(callerOrg)) {
            // another org's subscription does not exist for this caller
            throw new DomainException(ErrorCode.SUBSCRIPTION_NOT_FOUND, "No such subscription in this organization.");
        }
    }

    private Device existing(DeviceId deviceId) {
        Device device = devices.get(deviceId);
        if (device == null) {
            throw new DomainException(ErrorCode.DEVICE_NOT_FOUND, "The subscription has no device " + deviceId + ".");
        }
        return device;
    }

    private static void checkCategory(DeviceCategory category, DeviceDetails details) {
        SimCard sim = details.deviceAdditionalDetails();
        if (category == DeviceCategory.SIM) {
            if (sim == null || sim.iccid() == null || sim.imsi() == null) {
                throw new DomainException(
                        ErrorCode.INVALID_BODY, "A SIM needs device_additional_details with its iccid and imsi.");
            }
        } else if (sim != null) {
            throw new DomainException(
                    ErrorCode.INVALID_BODY,
                    "device_additional_details describe a SIM; this device's category is " + category + ".");
        }
    }

    private static void checkDates(DeviceDetails details) {
        if (details.inStoreDeliveryDate() != null
                && details.inStoreReturnedDate() != null
                && details.inStoreReturnedDate().isBefore(details.inStoreDeliveryDate())) {
            throw new DomainException(
                    ErrorCode.INVALID_BODY, "in_store_returned_date cannot be before in_store_delivery_date.");
        }
    }

    private static String iccidOf(DeviceDetails details) {
        return details.deviceAdditionalDetails() == null
                ? null
                : details.deviceAdditionalDetails().iccid();
    }
}
