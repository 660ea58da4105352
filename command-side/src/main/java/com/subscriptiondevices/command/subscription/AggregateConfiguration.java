package com.subscriptiondevices.command.subscription;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Subscriptions stay in memory between commands, so appending to a long-lived subscription does not
 * replay its whole history each time. A failed command evicts its entry (Axon does so on rollback).
 */
@Configuration(proxyBeanMethods = false)
class AggregateConfiguration {

    @Bean
    Cache subscriptionCache() {
        return new WeakReferenceCache();
    }
}
