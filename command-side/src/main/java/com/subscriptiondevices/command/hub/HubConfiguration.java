package com.subscriptiondevices.command.hub;

import com.subscriptiondevices.command.hub.listener.CallbackPolicy;
import com.subscriptiondevices.command.hub.listener.HostResolver;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The change notifications' hub: its settings and where callbacks may point. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotificationProperties.class)
class HubConfiguration {

    @Bean
    HostResolver hostResolver() {
        return HostResolver.system();
    }

    @Bean
    CallbackPolicy callbackPolicy(NotificationProperties settings, HostResolver resolver) {
        return new CallbackPolicy(settings.allowedHosts(), resolver);
    }
}
