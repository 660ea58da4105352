package com.subscriptiondevices.readmodel.device;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Where the V2 device read model's rows are kept: the tables of one version ({@link JdbcDeviceStore}),
 * or memory ({@link InMemoryDeviceStore}). Writes are idempotent, so replaying an event never
 * duplicates a row.
 */
interface DeviceStore {

    void put(SubscriptionRow subscription);

    void put(DeviceRow device);

    /** The subscription's phone number, or null for none. */
    void changeMsisdn(UUID subscriptionId, String msisdn);

    /** Changes what is known about a device: its lookup keys, version and representation. */
    void changeDetails(UUID deviceId, String macAddress, String serialNumber, long version, String details);

    Optional<String> details(UUID deviceId);

    Optional<SubscriptionRow> subscription(String org, UUID subscriptionId);

    Optional<DeviceRow> device(String org, UUID subscriptionId, UUID deviceId);

    /** In legacy id order, optionally only those with the MAC address. */
    List<DeviceRow> devicesOf(UUID subscriptionId, String macAddress);

    /** Devices of the org's subscriptions with every identifier given, in legacy id order. */
    List<DeviceRow> devicesByIdentifier(String org, String macAddress, String serialNumber);

    List<SubscriptionRow> subscriptions(Collection<UUID> subscriptionIds);

    List<DeviceRow> devicesOfAll(Collection<UUID> subscriptionIds);
}
