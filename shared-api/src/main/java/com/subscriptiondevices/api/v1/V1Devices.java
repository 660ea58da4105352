package com.subscriptiondevices.api.v1;

import java.util.List;

/** The answer to a V1 device query: whether the subscription exists in the org, and the devices found. */
public record V1Devices(boolean subscriptionFound, List<V1DeviceView> devices) {

    public static V1Devices subscriptionNotFound() {
        return new V1Devices(false, List.of());
    }
}
