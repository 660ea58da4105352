package com.subscriptiondevices.readmodel.v1;

import com.subscriptiondevices.api.v1.SubscriptionRef;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Where the V1 read model's rows are kept: the tables of one version ({@link JdbcV1Store}), or memory
 * ({@link InMemoryV1Store}). Writes are idempotent, so replaying an event never duplicates a row.
 */
interface V1Store {

    void put(V1SubscriptionRow subscription);

    void put(V1DeviceRow device);

    /**
     * Changes what V1 shows of a device. Its additional details depend on its category, which the
     * store knows: {@code detailsIfSim} for a SIM, {@code detailsIfOther} for any other device.
     */
    void changeDevice(
            UUID deviceId,
            String catalogueDeviceId,
            String status,
            String contractDocumentId,
            String detailsIfSim,
            String detailsIfOther);

    Optional<String> additionalDetails(UUID deviceId);

    void changeAdditionalDetails(UUID deviceId, String additionalDetails);

    /**
     * Records a request. Seen again, it refreshes what was asked but keeps how the request ended, so
     * handling the event twice never reopens a settled request.
     */
    void putRequest(ChangeRequestRow request);

    void markProcessed(UUID requestId, Instant processedDate);

    void markRejected(UUID requestId, String reason);

    /** The subscription's UUID, when the reference names a subscription of this org. */
    Optional<UUID> subscriptionOf(String org, SubscriptionRef ref);

    /** In legacy id order, optionally of one category or one legacy id, optionally only ACTIVO ones. */
    List<V1DeviceRow> devices(UUID subscriptionId, String category, Long legacyId, boolean onlyActive);

    /** The requests of these devices, newest first. */
    List<ChangeRequestRow> requestsOf(Collection<UUID> deviceIds);

    List<V1SubscriptionRow> subscriptions(Collection<UUID> subscriptionIds);

    List<V1DeviceRow> devicesOfAll(Collection<UUID> subscriptionIds);

    List<ChangeRequestRow> requestsOfAll(Collection<UUID> subscriptionIds);
}
