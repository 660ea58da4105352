package com.subscriptiondevices.api.device;

import java.util.List;

/** One page of devices, and how many there are in all. */
public record DevicePage(List<DeviceView> devices, long total) {

    public DevicePage {
        devices = List.copyOf(devices);
    }
}
