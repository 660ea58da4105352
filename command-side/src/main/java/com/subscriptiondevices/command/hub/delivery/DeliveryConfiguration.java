package com.subscriptiondevices.command.hub.delivery;

import com.subscriptiondevices.command.hub.NotificationProperties;
import com.subscriptiondevices.command.hub.listener.CallbackPolicy;
import com.subscriptiondevices.command.hub.listener.ListenerStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The hub's deliveries: the HTTP client, the dispatcher that runs them, their metrics and dead letters. */
@Configuration(proxyBeanMethods = false)
class DeliveryConfiguration {

    @Bean(destroyMethod = "close")
    CallbackClient callbackClient(NotificationProperties settings, CallbackPolicy policy) {
        return new CallbackClient(settings, policy);
    }

    @Bean
    HubDispatcher hubDispatcher(
            DeliveryStore store,
            ListenerStore listeners,
            CallbackClient client,
            CallbackPolicy policy,
            MeterRegistry registry,
            NotificationProperties settings) {
        return new HubDispatcher(
                store, listeners, client, policy, new HubMetrics(registry), settings, Clock.systemUTC());
    }

    @Bean
    HubDeadLetters hubDeadLetters(
            DeliveryStore store, CallbackClient client, CallbackPolicy policy, HubDispatcher dispatcher) {
        return new HubDeadLetters(store, client, policy, dispatcher, Clock.systemUTC());
    }
}
