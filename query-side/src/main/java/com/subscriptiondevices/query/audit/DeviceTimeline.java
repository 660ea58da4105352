package com.subscriptiondevices.query.audit;

import com.subscriptiondevices.api.device.DeviceAdded;
import com.subscriptiondevices.api.device.DeviceDetails;
import com.subscriptiondevices.api.device.DeviceDetailsChanged;
import com.subscriptiondevices.api.device.DeviceId;
import com.subscriptiondevices.api.device.DeviceView;
import com.subscriptiondevices.api.simreplacement.ChangeRequestStatus;
import com.subscriptiondevices.api.simreplacement.SimReplaced;
import com.subscriptiondevices.api.simreplacement.SimReplacementRejected;
import com.subscriptiondevices.api.simreplacement.SimReplacementRequested;
import com.subscriptiondevices.api.subscription.SubscriptionCreated;
import com.subscriptiondevices.api.v1.V1ChangeRequestView;
import com.subscriptiondevices.api.v1.V1DeviceView;
import com.subscriptiondevices.api.v1.V1DeviceView.AdditionalDetails;
import com.subscriptiondevices.query.v1.V1Mapping;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.axonframework.eventhandling.EventMessage;

/**
 * A subscription's devices as they were after some of its events: the fold behind time travel. Fed
 * the events up to an instant, it answers what V2 and V1 showed at that instant, by the same rules as
 * the two projections (V1's from {@link V1Mapping}). Plain state, no I/O.
 */
final class DeviceTimeline {

    private String org;
    private final Map<DeviceId, Device> devices = new LinkedHashMap<>();

    /** One device: its V2 representation, what V1 shows as its additional details, and its SIM replacements. */
    private static final class Device {

        DeviceView view;
        AdditionalDetails v1Details;
        final Map<UUID, V1ChangeRequestView> changeRequests = new LinkedHashMap<>();

        Device(DeviceView view, AdditionalDetails v1Details) {
            this.view = view;
            this.v1Details = v1Details;
        }

        void changeTo(DeviceDetails details, long version) {
            view = new DeviceView(view.id(), view.legacyId(), view.subscriptionId(), view.category(), details, version);
        }

        void changeRequest(UUID requestId, UnaryOperator<V1ChangeRequestView> change) {
            changeRequests.computeIfPresent(requestId, (id, request) -> change.apply(request));
        }
    }

    /** The state after {@code events}, in their order. */
    static DeviceTimeline replay(List<? extends EventMessage<?>> events) {
        DeviceTimeline timeline = new DeviceTimeline();
        events.forEach(event -> timeline.apply(event.getPayload(), event.getTimestamp()));
        return timeline;
    }

    void apply(Object event, Instant timestamp) {
        if (event instanceof SubscriptionCreated created) {
            org = created.org();
        } else if (event instanceof DeviceAdded added) {
            DeviceView view = new DeviceView(
                    added.deviceId(), added.legacyId(), added.subscriptionId(), added.category(), added.details(), 1);
            devices.put(
                    added.deviceId(), new Device(view, V1Mapping.additionalDetails(added.category(), added.details())));
        } else if (event instanceof DeviceDetailsChanged changed) {
            device(changed.deviceId()).ifPresent(device -> {
                device.changeTo(changed.details(), changed.version());
                device.v1Details = V1Mapping.additionalDetails(device.view.category(), changed.details());
            });
        } else if (event instanceof SimReplacementRequested requested) {
            device(requested.deviceId())
                    .ifPresent(
                            device -> device.changeRequests.put(requested.requestId(), pending(requested, timestamp)));
        } else if (event instanceof SimReplaced replaced) {
            device(replaced.deviceId()).ifPresent(device -> {
                device.changeTo(
                        device.view.details().withDeviceAdditionalDetails(replaced.newCard()), replaced.version());
                device.v1Details = V1Mapping.afterSimReplaced(device.v1Details, replaced);
                device.changeRequest(
                        replaced.requestId(),
                        request -> settled(request, ChangeRequestStatus.PROCESSED, timestamp, null));
            });
        } else if (event instanceof SimReplacementRejected rejected) {
            device(rejected.deviceId())
                    .ifPresent(device -> device.changeRequest(
                            rejected.requestId(),
                            request -> settled(request, ChangeRequestStatus.REJECTED, null, rejected.reason())));
        }
    }

    /** The subscription's org; empty while the subscription does not exist yet. */
    Optional<String> org() {
        return Optional.ofNullable(org);
    }

    /** The device as V2 showed it, with its version; empty when it did not exist yet. */
    Optional<DeviceView> v2(DeviceId deviceId) {
        return device(deviceId).map(device -> device.view);
    }

    /**
     * The device with this integer id as V1 showed it. With {@code onlyActive}: empty when it was
     * INACTIVO, and no change requests; otherwise with every request so far, newest first.
     */
    Optional<V1DeviceView> v1(long legacyId, boolean onlyActive) {
        return devices.values().stream()
                .filter(device -> device.view.legacyId() == legacyId)
                .findFirst()
                .map(device -> v1View(device, onlyActive))
                .filter(view -> !onlyActive || V1DeviceView.ACTIVE.equals(view.status()));
    }

    private static V1DeviceView v1View(Device device, boolean onlyActive) {
        DeviceDetails details = device.view.details();
        List<V1ChangeRequestView> newestFirst = new ArrayList<>(device.changeRequests.values());
        Collections.reverse(newestFirst);
        return new V1DeviceView(
                device.view.legacyId(),
                V1Mapping.deviceId(details),
                device.view.category(),
                V1Mapping.status(details),
                details.contractDocumentId(),
                device.v1Details,
                onlyActive ? List.of() : newestFirst);
    }

    private Optional<Device> device(DeviceId deviceId) {
        return Optional.ofNullable(devices.get(deviceId));
    }

    private static V1ChangeRequestView pending(SimReplacementRequested event, Instant requestedAt) {
        return new V1ChangeRequestView(
                ChangeRequestStatus.PENDING,
                requestedAt,
                event.userName(),
                event.changeReason(),
                event.contractDocumentId(),
                event.fabricationType(),
                event.iccid(),
                event.imsi(),
                event.newIccid(),
                event.newImsi(),
                null,
                null);
    }

    private static V1ChangeRequestView settled(
            V1ChangeRequestView request, ChangeRequestStatus status, Instant processedDate, String rejectionReason) {
        return new V1ChangeRequestView(
                status,
                request.requestDate(),
                request.userName(),
                request.changeReason(),
                request.contractDocumentId(),
                request.fabricationType(),
                request.iccid(),
                request.imsi(),
                request.newIccid(),
                request.newImsi(),
                processedDate,
                rejectionReason);
    }
}
