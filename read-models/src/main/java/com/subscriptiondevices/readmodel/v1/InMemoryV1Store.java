package com.subscriptiondevices.readmodel.v1;

import com.subscriptiondevices.api.device.DeviceCategory;
import com.subscriptiondevices.api.simreplacement.ChangeRequestStatus;
import com.subscriptiondevices.api.v1.SubscriptionRef;
import com.subscriptiondevices.api.v1.V1DeviceView;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

/** The V1 read model in memory: the rows the tables would hold, for verification and time travel. */
final class InMemoryV1Store implements V1Store {

    private final Map<UUID, V1SubscriptionRow> subscriptions = new LinkedHashMap<>();
    private final Map<UUID, V1DeviceRow> devices = new LinkedHashMap<>();
    private final Map<UUID, ChangeRequestRow> requests = new LinkedHashMap<>();

    @Override
    public void put(V1SubscriptionRow subscription) {
        subscriptions.put(subscription.subscriptionId(), subscription);
    }

    @Override
    public void put(V1DeviceRow device) {
        devices.put(device.deviceId(), device);
    }

    @Override
    public void changeDevice(
            UUID deviceId,
            String catalogueDeviceId,
            String status,
            String contractDocumentId,
            String detailsIfSim,
            String detailsIfOther) {
        devices.computeIfPresent(
                deviceId,
                (id, row) -> new V1DeviceRow(
                        id,
                        row.subscriptionId(),
                        row.legacyId(),
                        row.category(),
                        catalogueDeviceId,
                        status,
                        contractDocumentId,
                        DeviceCategory.SIM.name().equals(row.category()) ? detailsIfSim : detailsIfOther));
    }

    @Override
    public Optional<String> additionalDetails(UUID deviceId) {
        return Optional.ofNullable(devices.get(deviceId)).map(V1DeviceRow::additionalDetails);
    }

    @Override
    public void changeAdditionalDetails(UUID deviceId, String additionalDetails) {
        devices.computeIfPresent(
                deviceId,
                (id, row) -> new V1DeviceRow(
                        id,
                        row.subscriptionId(),
                        row.legacyId(),
                        row.category(),
                        row.catalogueDeviceId(),
                        row.status(),
                        row.contractDocumentId(),
                        additionalDetails));
    }

    @Override
    public void putRequest(ChangeRequestRow request) {
        ChangeRequestRow known = requests.get(request.requestId());
        requests.put(
                request.requestId(),
                known == null
                        ? request
                        : new ChangeRequestRow(
                                request.requestId(),
                                request.deviceId(),
                                request.subscriptionId(),
                                known.status(),
                                request.requestDate(),
                                request.userName(),
                                request.changeReason(),
                                request.contractDocumentId(),
                                request.fabricationType(),
                                request.iccid(),
                                request.imsi(),
                                request.newIccid(),
                                request.newImsi(),
                                known.processedDate(),
                                known.rejectionReason()));
    }

    @Override
    public void markProcessed(UUID requestId, Instant processedDate) {
        settle(requestId, ChangeRequestStatus.PROCESSED, processedDate, null);
    }

    @Override
    public void markRejected(UUID requestId, String reason) {
        settle(requestId, ChangeRequestStatus.REJECTED, null, reason);
    }

    private void settle(UUID requestId, ChangeRequestStatus status, Instant processedDate, String reason) {
        requests.computeIfPresent(
                requestId,
                (id, row) -> new ChangeRequestRow(
                        id,
                        row.deviceId(),
                        row.subscriptionId(),
                        status.name(),
                        row.requestDate(),
                        row.userName(),
                        row.changeReason(),
                        row.contractDocumentId(),
                        row.fabricationType(),
                        row.iccid(),
                        row.imsi(),
                        row.newIccid(),
                        row.newImsi(),
                        processedDate,
                        reason));
    }

    @Override
    public Optional<UUID> subscriptionOf(String org, SubscriptionRef ref) {
        Predicate<V1SubscriptionRow> named =
                ref.id() != null ? s -> s.subscriptionId().equals(ref.id()) : s -> s.legacyId() == ref.legacyId();
        return subscriptions.values().stream()
                .filter(named)
                .filter(s -> s.org().equals(org))
                .map(V1SubscriptionRow::subscriptionId)
                .findFirst();
    }

    @Override
    public List<V1DeviceRow> devices(UUID subscriptionId, String category, Long legacyId, boolean onlyActive) {
        return devices.values().stream()
                .filter(d -> d.subscriptionId().equals(subscriptionId))
                .filter(d -> category == null || category.equals(d.category()))
                .filter(d -> legacyId == null || legacyId == d.legacyId())
                .filter(d -> !onlyActive || V1DeviceView.ACTIVE.equals(d.status()))
                .sorted(Comparator.comparingLong(V1DeviceRow::legacyId))
                .toList();
    }

    @Override
    public List<ChangeRequestRow> requestsOf(Collection<UUID> deviceIds) {
        Set<UUID> wanted = Set.copyOf(deviceIds);
        return requests.values().stream()
                .filter(r -> wanted.contains(r.deviceId()))
                .sorted(Comparator.comparing(ChangeRequestRow::requestDate).reversed())
                .toList();
    }

    @Override
    public List<V1SubscriptionRow> subscriptions(Collection<UUID> subscriptionIds) {
        return subscriptionIds.stream()
                .map(subscriptions::get)
                .filter(Objects::nonNull)
                .toList();
    }

    @Override
    public List<V1DeviceRow> devicesOfAll(Collection<UUID> subscriptionIds) {
        Set<UUID> wanted = Set.copyOf(subscriptionIds);
        return devices.values().stream()
                .filter(d -> wanted.contains(d.subscriptionId()))
                .toList();
    }

    @Override
    public List<ChangeRequestRow> requestsOfAll(Collection<UUID> subscriptionIds) {
        Set<UUID> wanted = Set.copyOf(subscriptionIds);
        return requests.values().stream()
                .filter(r -> wanted.contains(r.subscriptionId()))
                .toList();
    }
}
