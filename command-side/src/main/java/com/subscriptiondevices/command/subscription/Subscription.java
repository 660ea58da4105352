package com.subscriptiondevices.command.subscription;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.subscriptiondevices.api.device.AddDevice;
import com.subscriptiondevices.api.device.AppliedOperation;
import com.subscriptiondevices.api.device.DeviceAdded;
import com.subscriptiondevices.api.device.DeviceCategory;
import com.subscriptiondevices.api.device.DeviceDetails;
import com.subscriptiondevices.api.device.DeviceDetailsChanged;
import com.subscriptiondevices.api.device.DeviceId;
import com.subscriptiondevices.api.device.DeviceStatus;
import com.subscriptiondevices.api.device.DeviceView;
import com.subscriptiondevices.api.device.SimCard;
import com.subscriptiondevices.api.error.DomainException;
import com.subscriptiondevices.api.error.ErrorCode;
import com.subscriptiondevices.api.simreplacement.CompleteSimReplacement;
import com.subscriptiondevices.api.simreplacement.RejectSimReplacement;
import com.subscriptiondevices.api.simreplacement.RequestSimReplacement;
import com.subscriptiondevices.api.simreplacement.SimReplaced;
import com.subscriptiondevices.api.simreplacement.SimReplacementRejected;
import com.subscriptiondevices.api.simreplacement.SimReplacementRequested;
import com.subscriptiondevices.api.subscription.CreateSubscription;
import com.subscriptiondevices.api.subscription.MsisdnChanged;
import com.subscriptiondevices.api.subscription.SubscriptionCreated;
import com.subscriptiondevices.api.subscription.SubscriptionId;
import com.subscriptiondevices.api.subscription.SubscriptionView;
import com.subscriptiondevices.command.uniqueness.LegacyIdTaken;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
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
    private long legacyAccountId;
    private String msisdn;
    private final Map<DeviceId, Device> devices = new LinkedHashMap<>();
    /** Indexes over the devices, kept by the event-sourcing handlers: each rule is one look-up, not a scan. */
    private final Set<Long> legacyIds = new HashSet<>();

    private final Set<String> simIccids = new HashSet<>();
    private final Set<String> pendingIccids = new HashSet<>();

    protected Subscription() {
        // for Axon: rebuilt from events
    }

    @CommandHandler
    Subscription(CreateSubscription command) {
        apply(new SubscriptionCreated(
                command.subscriptionId(), command.org(), command.legacyId(), command.legacyAccountId()));
        if (command.msisdn() != null) {
            // A number given at registration is the same business fact as one given later, so it is the
            // same event. Adding it to SubscriptionCreated instead would change the shape of an event
            // already stored and consumed (an upcaster for old ones, a second meaning for new ones).
            apply(new MsisdnChanged(command.subscriptionId(), command.org(), command.msisdn(), null));
        }
    }

    /** The subscription as it is now, for a caller of this org. */
    SubscriptionView view(String callerOrg) {
        requireOrg(callerOrg);
        return new SubscriptionView(id, legacyId, legacyAccountId, org, msisdn);
    }

    /**
     * Gives the subscription the phone number {@code newMsisdn}, or takes its number away (null). The
     * same number again applies no event. That no other subscription holds it is the claims' rule.
     */
    SubscriptionView changeMsisdn(String callerOrg, String newMsisdn) {
        requireOrg(callerOrg);
        if (!Objects.equals(msisdn, newMsisdn)) {
            apply(new MsisdnChanged(id, org, newMsisdn, msisdn));
        }
        return view(callerOrg);
    }

    @CommandHandler
    DeviceView handle(AddDevice command) {
        requireOrg(command.org());
        if (devices.containsKey(command.deviceId())) {
            throw new DomainException(
                    ErrorCode.DEVICE_ALREADY_EXISTS, "A device with id " + command.deviceId() + " exists already.");
        }
        if (legacyIds.contains(command.legacyId())) {
            throw new LegacyIdTaken(
                    ErrorCode.DEVICE_ALREADY_EXISTS,
                    "A device with legacy_id " + command.legacyId() + " exists already.");
        }
        DeviceDetails details = command.details();
        checkCategory(command.category(), details);
        checkDates(details);
        String iccid = iccidOf(details);
        if (iccid != null && simIccids.contains(iccid)) {
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

    @CommandHandler
    void handle(RequestSimReplacement command) {
        requireOrg(command.org());
        Device device = existing(command.deviceId());
        if (command.category() != device.category()) {
            throw new DomainException(
                    ErrorCode.CATEGORY_MISMATCH,
                    "The device's category is " + device.category() + ", not " + command.category() + ".");
        }
        if (device.details().status() != DeviceStatus.ACTIVE) {
            throw new DomainException(
                    ErrorCode.DEVICE_NOT_ACTIVE, "The device was returned; only an active device gets a new SIM.");
        }
        if (device.pendingReplacement() != null) {
            throw new DomainException(
                    ErrorCode.PENDING_CHANGE_REQUEST, "A SIM replacement of this device is pending already.");
        }
        SimCard sim = device.details().deviceAdditionalDetails();
        if (sim == null) {
            throw new DomainException(ErrorCode.SIM_MISMATCH, "The device has no SIM to replace.");
        }
        if ((command.iccid() != null && !command.iccid().equals(sim.iccid()))
                || (command.imsi() != null && !command.imsi().equals(sim.imsi()))) {
            throw new DomainException(
                    ErrorCode.SIM_MISMATCH, "The iccid and imsi given are not the device's current SIM.");
        }
        if (command.newIccid().equals(sim.iccid())) {
            throw new DomainException(ErrorCode.INVALID_BODY, "new_iccid is the device's current ICCID.");
        }
        if (simIccids.contains(command.newIccid()) || pendingIccids.contains(command.newIccid())) {
            throw new DomainException(
                    ErrorCode.ICCID_IN_USE, "The ICCID " + command.newIccid() + " is in use by another device.");
        }
        apply(new SimReplacementRequested(
                id,
                command.deviceId(),
                command.requestId(),
                command.userName(),
                command.changeReason(),
                device.details().contractDocumentId(),
                command.fabricationType(),
                command.signatureProcessId(),
                command.signatureType(),
                sim.iccid(),
                sim.imsi(),
                command.newIccid(),
                command.newImsi()));
    }

    /** The network's success. An answer for a request that is no longer pending changes nothing. */
    @CommandHandler
    void handle(CompleteSimReplacement command) {
        Device device = devices.get(command.deviceId());
        if (device == null || !isPending(device, command.requestId())) {
            return;
        }
        Device.PendingReplacement pending = device.pendingReplacement();
        apply(new SimReplaced(
                id,
                command.deviceId(),
                command.requestId(),
                device.version() + 1,
                device.iccid(),
                pending.newIccid(),
                pending.newImsi(),
                pending.fabricationType() != null
                        ? pending.fabricationType()
                        : device.details().deviceAdditionalDetails().fabricationType(),
                command.pin(),
                command.puk(),
                command.pin2(),
                command.puk2()));
    }

    /** The network's refusal, or its silence. An answer for a request that is no longer pending changes nothing. */
    @CommandHandler
    void handle(RejectSimReplacement command) {
        Device device = devices.get(command.deviceId());
        if (device == null || !isPending(device, command.requestId())) {
            return;
        }
        apply(new SimReplacementRejected(
                id,
                command.deviceId(),
                command.requestId(),
                device.pendingReplacement().newIccid(),
                command.reason()));
    }

    @EventSourcingHandler
    void on(SubscriptionCreated event) {
        this.id = event.subscriptionId();
        this.org = event.org();
        this.legacyId = event.legacyId();
        this.legacyAccountId = event.legacyAccountId();
    }

    @EventSourcingHandler
    void on(MsisdnChanged event) {
        this.msisdn = event.msisdn();
    }

    @EventSourcingHandler
    void on(DeviceAdded event) {
        Device device = new Device(event.deviceId(), event.legacyId(), event.category(), event.details());
        devices.put(event.deviceId(), device);
        legacyIds.add(event.legacyId());
        if (device.iccid() != null) {
            simIccids.add(device.iccid());
        }
    }

    @EventSourcingHandler
    void on(DeviceDetailsChanged event) {
        Device device = devices.get(event.deviceId());
        if (device.iccid() != null) {
            simIccids.remove(device.iccid());
        }
        device.changeTo(event.details(), event.version());
        if (device.iccid() != null) {
            simIccids.add(device.iccid());
        }
    }

    @EventSourcingHandler
    void on(SimReplacementRequested event) {
        devices.get(event.deviceId())
                .replacementRequested(new Device.PendingReplacement(
                        event.requestId(), event.newIccid(), event.newImsi(), event.fabricationType()));
        pendingIccids.add(event.newIccid());
    }

    @EventSourcingHandler
    void on(SimReplaced event) {
        Device device = devices.get(event.deviceId());
        simIccids.remove(device.iccid());
        device.changeTo(device.details().withDeviceAdditionalDetails(event.newCard()), event.version());
        device.replacementEnded();
        simIccids.add(event.newIccid());
        pendingIccids.remove(event.newIccid());
    }

    @EventSourcingHandler
    void on(SimReplacementRejected event) {
        devices.get(event.deviceId()).replacementEnded();
        pendingIccids.remove(event.newIccid());
    }

    private static boolean isPending(Device device, java.util.UUID requestId) {
        return device.pendingReplacement() != null
                && device.pendingReplacement().requestId().equals(requestId);
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
