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
    void changeDetails(UUID deviceId, DeviceKeys keys, long version, String details);

    Optional<String> details(UUID deviceId);

    Optional<SubscriptionRow> subscription(String org, UUID subscriptionId);

    Optional<DeviceRow> device(String org, UUID subscriptionId, UUID deviceId);

    /** One page of the subscription's devices in legacy id order, optionally only those with the MAC address. */
    RowPage devicesOf(UUID subscriptionId, String macAddress, long offset, int limit);

    /** One page of the devices of the org's subscriptions with every key the filter gives, in legacy id order. */
    RowPage devicesByIdentifier(String org, DeviceKeys filter, long offset, int limit);

    List<SubscriptionRow> subscriptions(Collection<UUID> subscriptionIds);

    List<DeviceRow> devicesOfAll(Collection<UUID> subscriptionIds);
}
