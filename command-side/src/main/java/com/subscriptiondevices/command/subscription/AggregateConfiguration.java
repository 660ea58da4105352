package com.subscriptiondevices.command.subscription;

import com.subscriptiondevices.platform.axon.BoundedCache;
import org.axonframework.common.caching.Cache;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Subscriptions stay in memory between commands, so appending to a long-lived subscription does not
 * replay its whole history each time. The cache is bounded by a number of subscriptions
 * ({@code devices.aggregate-cache.max-entries}), and a subscription leaves it after a while without
 * commands ({@code .idle-for}); a failed command evicts its entry (Axon does so on
 * rollback), and so does a conflicting append from another instance.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AggregateCacheProperties.class)
class AggregateConfiguration {

    @Bean
    Cache subscriptionCache(AggregateCacheProperties cache) {
        return new BoundedCache(cache.maxEntries(), cache.idleFor());
    }

    @Bean
    ConfigurerModule subscriptionCommandTargets() {
        return configurer ->
                configurer.registerComponent(CommandTargetResolver.class, config -> new SubscriptionCommandTargets());
    }
}
