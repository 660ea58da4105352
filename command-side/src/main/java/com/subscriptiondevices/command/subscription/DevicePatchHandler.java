package com.subscriptiondevices.command.subscription;

import com.subscriptiondevices.api.device.DeviceView;
import com.subscriptiondevices.api.device.PatchDevice;
import com.subscriptiondevices.command.subscription.representation.DevicePatcher;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Patches a device on the subscription's latest state: the aggregate is loaded (and locked) once, the
 * JSON Patch is applied to what it holds, and the aggregate decides on the result. The JSON work stays
 * out of the aggregate.
 */
@Component
class DevicePatchHandler {

    private final Repository<Subscription> subscriptions;
    private final DevicePatcher patcher;

    DevicePatchHandler(
            @Qualifier("subscriptionRepository") Repository<Subscription> subscriptions, DevicePatcher patcher) {
        this.subscriptions = subscriptions;
        this.patcher = patcher;
    }

    @CommandHandler
    DeviceView handle(PatchDevice command) {
        Aggregate<Subscription> subscription =
                subscriptions.load(command.subscriptionId().toString());
        DeviceView current =
                subscription.invoke(s -> s.device(command.org(), command.deviceId(), command.expectedVersion()));
        DevicePatcher.Patched patched = patcher.apply(current, command.patchDocument(), command.secretsVisible());
        return subscription.invoke(
                s -> s.changeDevice(command.org(), command.deviceId(), patched.details(), patched.operations()));
    }
}
