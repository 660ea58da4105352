package com.subscriptiondevices.command.subscription;

import com.subscriptiondevices.api.subscription.PatchSubscription;
import com.subscriptiondevices.api.subscription.SubscriptionView;
import com.subscriptiondevices.command.subscription.representation.SubscriptionPatcher;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Patches a subscription on its latest state, as {@link DevicePatchHandler} does a device: the JSON
 * Patch is applied to what the aggregate holds, outside it, and the aggregate decides on the result.
 */
@Component
class SubscriptionPatchHandler {

    private final Repository<Subscription> subscriptions;
    private final SubscriptionPatcher patcher;

    SubscriptionPatchHandler(
            @Qualifier("subscriptionRepository") Repository<Subscription> subscriptions, SubscriptionPatcher patcher) {
        this.subscriptions = subscriptions;
        this.patcher = patcher;
    }

    @CommandHandler
    SubscriptionView handle(PatchSubscription command) {
        Aggregate<Subscription> subscription =
                subscriptions.load(command.subscriptionId().toString());
        SubscriptionView current = subscription.invoke(s -> s.view(command.org()));
        String msisdn = patcher.apply(current, command.patchDocument());
        return subscription.invoke(s -> s.changeMsisdn(command.org(), msisdn));
    }
}
