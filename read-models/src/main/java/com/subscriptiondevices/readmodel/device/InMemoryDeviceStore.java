package com.subscriptiondevices.readmodel.device;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The V2 device read model in memory: the rows the tables would hold, for verification and time travel. */
final class InMemoryDeviceStore implements DeviceStore {

    private final Map<UUID, SubscriptionRow> subscriptions = new LinkedHashMap<>();
    private final Map<UUID, DeviceRow> devices = new LinkedHashMap<>();

    @Override
    public void put(SubscriptionRow subscription) {
        subscriptions.put(subscription.subscriptionId(), subscription);
    }

    @Override
    public void put(DeviceRow device) {
        SubscriptionRow subscription = subscriptions.get(device.subscriptionId());
        if (subscription == null) {
            throw new IllegalStateException("Device " + device.deviceId() + " of no known subscription");
        }
        devices.put(
                device.deviceId(),
                new DeviceRow(
                        device.deviceId(),
                        device.subscriptionId(),
                        subscription.org(),
                        device.legacyId(),
                        device.category(),
                        device.macAddress(),
                        device.serialNumber(),
                        device.iccid(),
                        device.imsi(),
                        device.imei(),
                        device.version(),
                        device.details()));
    }

    @Override
    public void changeMsisdn(UUID subscriptionId, String msisdn) {
        subscriptions.computeIfPresent(
                subscriptionId,
                (id, row) -> new SubscriptionRow(id, row.org(), row.legacyId(), row.legacyAccountId(), msisdn));
    }

    @Override
    public void changeDetails(UUID deviceId, DeviceKeys keys, long version, String details) {
        devices.computeIfPresent(
                deviceId,
                (id, row) -> new DeviceRow(
                        id,
                        row.subscriptionId(),
                        row.org(),
                        row.legacyId(),
                        row.category(),
                        keys.macAddress(),
                        keys.serialNumber(),
                        keys.iccid(),
                        keys.imsi(),
                        keys.imei(),
                        version,
                        details));
    }

    @Override
    public Optional<String> details(UUID deviceId) {
        return Optional.ofNullable(devices.get(deviceId)).map(DeviceRow::details);
    }

    @Override
    public Optional<SubscriptionRow> subscription(String org, UUID subscriptionId) {
        return Optional.ofNullable(subscriptions.get(subscriptionId))
                .filter(s -> s.org().equals(org));
    }

    @Override
    public Optional<DeviceRow> device(String org, UUID subscriptionId, UUID deviceId) {
        return Optional.ofNullable(devices.get(deviceId))
                .filter(d -> d.subscriptionId().equals(subscriptionId))
                .filter(d -> d.org().equals(org));
    }

    @Override
    public RowPage devicesOf(UUID subscriptionId, String macAddress, long offset, int limit) {
        return page(
                devices.values().stream()
                        .filter(d -> d.subscriptionId().equals(subscriptionId))
                        .filter(d -> macAddress == null || macAddress.equals(d.macAddress()))
                        .toList(),
                offset,
                limit);
    }

    @Override
    public RowPage devicesByIdentifier(String org, DeviceKeys filter, long offset, int limit) {
        return page(
                devices.values().stream()
                        .filter(d -> d.org().equals(org))
                        .filter(filter::matches)
                        .toList(),
                offset,
                limit);
    }

    private static RowPage page(List<DeviceRow> matching, long offset, int limit) {
        return new RowPage(
                matching.stream()
                        .sorted(Comparator.comparingLong(DeviceRow::legacyId))
                        .skip(offset)
                        .limit(limit)
                        .toList(),
                matching.size());
    }

    @Override
    public List<SubscriptionRow> subscriptions(Collection<UUID> subscriptionIds) {
        return subscriptionIds.stream()
                .map(subscriptions::get)
                .filter(Objects::nonNull)
                .toList();
    }

    @Override
    public List<DeviceRow> devicesOfAll(Collection<UUID> subscriptionIds) {
        Set<UUID> wanted = Set.copyOf(subscriptionIds);
        return devices.values().stream()
                .filter(d -> wanted.contains(d.subscriptionId()))
                .toList();
    }
}
