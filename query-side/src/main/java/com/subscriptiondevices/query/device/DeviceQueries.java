package com.subscriptiondevices.query.device;

import com.subscriptiondevices.api.device.DevicePage;
import com.subscriptiondevices.api.device.DeviceView;
import com.subscriptiondevices.api.device.FindDevice;
import com.subscriptiondevices.api.device.FindDevicesByIdentifier;
import com.subscriptiondevices.api.device.FindSubscriptionDevices;
import com.subscriptiondevices.api.device.SubscriptionDevices;
import com.subscriptiondevices.api.subscription.FindSubscription;
import com.subscriptiondevices.api.subscription.SubscriptionView;
import com.subscriptiondevices.readmodel.device.DeviceKeys;
import com.subscriptiondevices.readmodel.device.DeviceModel;
import com.subscriptiondevices.readmodel.device.DeviceReads;
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
        DevicePage page = views.devicesOf(query.subscriptionId(), query.macAddress(), query.offset(), query.limit());
        return new SubscriptionDevices(true, page.devices(), page.total());
    }

    @QueryHandler
    DevicePage handle(FindDevicesByIdentifier query) {
        return views.devicesByIdentifier(
                query.org(),
                new DeviceKeys(query.macAddress(), query.serialNumber(), query.iccid(), query.imsi(), query.imei()),
                query.offset(),
                query.limit());
    }
}
