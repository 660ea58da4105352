package com.subscriptiondevices.query.device;

import com.subscriptiondevices.api.device.DeviceView;
import com.subscriptiondevices.api.device.FindDevice;
import com.subscriptiondevices.api.device.FindDevicesByIdentifier;
import com.subscriptiondevices.api.device.FindSubscriptionDevices;
import com.subscriptiondevices.api.device.SubscriptionDevices;
import com.subscriptiondevices.api.subscription.FindSubscription;
import com.subscriptiondevices.api.subscription.SubscriptionView;
import com.subscriptiondevices.readmodel.device.DeviceModel;
import com.subscriptiondevices.readmodel.device.DeviceReads;
import java.util.List;
import java.util.Optional;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/** Answers the device and subscription queries from the read model. */
@Component
class DeviceQueries {

    private final DeviceReads views;

    DeviceQueries(DeviceModel model) {
        this.views = model.live();
    }

    @QueryHandler
    Optional<SubscriptionView> handle(FindSubscription query) {
        return views.subscription(query.org(), query.subscriptionId());
    }

    @QueryHandler
    Optional<DeviceView> handle(FindDevice query) {
        return views.device(query.org(), query.subscriptionId(), query.deviceId());
    }

    @QueryHandler
    SubscriptionDevices handle(FindSubscriptionDevices query) {
        if (views.subscription(query.org(), query.subscriptionId()).isEmpty()) {
            return SubscriptionDevices.notFound();
        }
        return new SubscriptionDevices(true, views.devicesOf(query.subscriptionId(), query.macAddress()));
    }

    @QueryHandler
    List<DeviceView> handle(FindDevicesByIdentifier query) {
        return views.devicesByIdentifier(query.org(), query.macAddress(), query.serialNumber());
    }
}
