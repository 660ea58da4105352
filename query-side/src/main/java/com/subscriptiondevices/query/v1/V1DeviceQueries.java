package com.subscriptiondevices.query.v1;

import com.subscriptiondevices.api.v1.FindV1Device;
import com.subscriptiondevices.api.v1.FindV1Devices;
import com.subscriptiondevices.api.v1.V1Devices;
import com.subscriptiondevices.platform.data.TransientFailures;
import com.subscriptiondevices.readmodel.v1.V1Model;
import com.subscriptiondevices.readmodel.v1.V1Reads;
import org.springframework.stereotype.Component;

/**
 * Answers the V1 device queries from the live V1 read model, called directly by the V1 read endpoints;
 * each read is asked again when it meets a transient failure. A subscription of another org does not
 * exist for the caller.
 */
@Component
public class V1DeviceQueries {

    private final V1Reads views;

    V1DeviceQueries(V1Model model) {
        this.views = model.live();
    }

    public V1Devices handle(FindV1Devices query) {
        return TransientFailures.retried(() -> views.subscriptionOf(query.org(), query.subscription())
                .map(subscription ->
                        new V1Devices(true, views.devices(subscription, query.category(), null, query.onlyActive())))
                .orElseGet(V1Devices::subscriptionNotFound));
    }

    /** Zero devices when the subscription has no such device, or only an INACTIVO one and only active ones were asked for. */
    public V1Devices handle(FindV1Device query) {
        return TransientFailures.retried(() -> views.subscriptionOf(query.org(), query.subscription())
                .map(subscription -> new V1Devices(
                        true, views.devices(subscription, null, query.deviceLegacyId(), query.onlyActive())))
                .orElseGet(V1Devices::subscriptionNotFound));
    }
}
