package com.subscriptiondevices.command.subscription;

import com.subscriptiondevices.platform.axon.BoundedCache;
import org.axonframework.common.caching.Cache;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Subscriptions stay in memory between commands, so appending to a long-lived subscription does not
 * replay its whole history each time. The cache is bounded by a number of subscriptions
 * ({@code devices.aggregate-cache.max-entries}); a failed command evicts its entry (Axon does so on
 * rollback), and so does a conflicting append from another instance.
 */
@Configuration(proxyBeanMethods = false)
class AggregateConfiguration {

    @Bean
    Cache subscriptionCache(@Value("${devices.aggregate-cache.max-entries:10000}") long maxEntries) {
        return new BoundedCache(maxEntries);
    }
}
