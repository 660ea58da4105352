package com.subscriptiondevices.query.device;

import com.subscriptiondevices.api.device.DevicePage;
import com.subscriptiondevices.api.device.DeviceView;
import com.subscriptiondevices.api.device.FindDevice;
import com.subscriptiondevices.api.device.FindDevicesByIdentifier;
import com.subscriptiondevices.api.device.FindSubscriptionDevices;
import com.subscriptiondevices.api.device.SubscriptionDevices;
import com.subscriptiondevices.api.subscription.FindSubscription;
import com.subscriptiondevices.api.subscription.SubscriptionView;
import com.subscriptiondevices.platform.data.TransientFailures;
import com.subscriptiondevices.readmodel.device.DeviceKeys;
import com.subscriptiondevices.readmodel.device.DeviceModel;
import com.subscriptiondevices.readmodel.device.DeviceReads;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Answers the device and subscription queries from the live read model, called directly by the read
 * endpoints (a read is one indexed statement: the query bus would only add its dispatch). Each read is
 * asked again when it meets a transient failure (a lock conflict with a read-model switch, for example).
 */
@Component
public class DeviceQueries {

    private final DeviceReads views;

    DeviceQueries(DeviceModel model) {
        this.views = model.live();
    }

    public Optional<SubscriptionView> handle(FindSubscription query) {
        return TransientFailures.retried(() -> views.subscription(query.org(), query.subscriptionId()));
    }

    public Optional<DeviceView> handle(FindDevice query) {
        return TransientFailures.retried(() -> views.device(query.org(), query.subscriptionId(), query.deviceId()));
    }

    public SubscriptionDevices handle(FindSubscriptionDevices query) {
        return TransientFailures.retried(() -> {
            if (views.subscription(query.org(), query.subscriptionId()).isEmpty()) {
                return SubscriptionDevices.notFound();
            }
            DevicePage page =
                    views.devicesOf(query.subscriptionId(), query.macAddress(), query.offset(), query.limit());
            return new SubscriptionDevices(true, page.devices(), page.total());
        });
    }

    public DevicePage handle(FindDevicesByIdentifier query) {
        return TransientFailures.retried(() -> views.devicesByIdentifier(
                query.org(),
                new DeviceKeys(query.macAddress(), query.serialNumber(), query.iccid(), query.imsi(), query.imei()),
                query.offset(),
                query.limit()));
    }
}
