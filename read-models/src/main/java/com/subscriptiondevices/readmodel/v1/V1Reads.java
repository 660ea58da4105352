package com.subscriptiondevices.readmodel.v1;

import com.subscriptiondevices.api.device.DeviceCategory;
import com.subscriptiondevices.api.subscription.SubscriptionId;
import com.subscriptiondevices.api.v1.SubscriptionRef;
import com.subscriptiondevices.api.v1.V1ChangeRequestView;
import com.subscriptiondevices.api.v1.V1DeviceView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** What the V1 API reads from the V1 read model, wherever its rows are. */
public final class V1Reads {

    private final V1Store store;

    V1Reads(V1Store store) {
        this.store = store;
    }

    /** The subscription's UUID, when the reference names a subscription of this org. */
    public Optional<SubscriptionId> subscriptionOf(String org, SubscriptionRef ref) {
        return store.subscriptionOf(org, ref).map(SubscriptionId::of);
    }

    /**
     * The subscription's devices in legacy id order, optionally of one category or one legacy id.
     * With {@code onlyActive}: only ACTIVO devices, without change requests; otherwise every device
     * with its whole history, newest request first.
     */
    public List<V1DeviceView> devices(
            SubscriptionId subscriptionId, DeviceCategory category, Long legacyId, boolean onlyActive) {
        List<V1DeviceRow> rows =
                store.devices(subscriptionId.value(), category == null ? null : category.name(), legacyId, onlyActive);
        Map<UUID, List<V1ChangeRequestView>> history = new LinkedHashMap<>();
        if (!onlyActive && !rows.isEmpty()) {
            store.requestsOf(rows.stream().map(V1DeviceRow::deviceId).toList())
                    .forEach(request -> history.computeIfAbsent(request.deviceId(), id -> new ArrayList<>())
                            .add(V1Rows.view(request)));
        }
        return rows.stream()
                .map(row -> V1Rows.view(row, history.getOrDefault(row.deviceId(), List.of())))
                .toList();
    }
}
