package com.subscriptiondevices.readmodel.device;

import com.subscriptiondevices.api.device.DeviceCategory;
import com.subscriptiondevices.api.device.DeviceDetails;
import com.subscriptiondevices.api.device.DeviceId;
import com.subscriptiondevices.api.device.DeviceView;
import com.subscriptiondevices.api.subscription.SubscriptionId;
import com.subscriptiondevices.api.subscription.SubscriptionView;
import tools.jackson.databind.json.JsonMapper;

/** Views to rows and back: what a device's row stores, and what the API shows of it. */
final class DeviceRows {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DeviceRows() {}

    static DeviceRow row(DeviceView device) {
        DeviceKeys keys = DeviceKeys.of(device.details());
        return new DeviceRow(
                device.id().value(),
                device.subscriptionId().value(),
                null, // the subscription's, which the store knows
                device.legacyId(),
                device.category().name(),
                keys.macAddress(),
                keys.serialNumber(),
                keys.iccid(),
                keys.imsi(),
                keys.imei(),
                device.version(),
                json(device.details()));
    }

    static DeviceView view(DeviceRow row) {
        return new DeviceView(
                DeviceId.of(row.deviceId()),
                row.legacyId(),
                SubscriptionId.of(row.subscriptionId()),
                DeviceCategory.valueOf(row.category()),
                details(row.details()),
                row.version());
    }

    static SubscriptionView view(SubscriptionRow row) {
        return new SubscriptionView(
                SubscriptionId.of(row.subscriptionId()),
                row.legacyId(),
                row.legacyAccountId(),
                row.org(),
                row.msisdn());
    }

    static String json(DeviceDetails details) {
        return JSON.writeValueAsString(details);
    }

    static DeviceDetails details(String json) {
        return JSON.readValue(json, DeviceDetails.class);
    }
}
