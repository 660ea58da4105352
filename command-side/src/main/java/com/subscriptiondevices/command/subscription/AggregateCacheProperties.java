package com.subscriptiondevices.command.subscription;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Subscriptions kept in memory between commands ({@code devices.aggregate-cache.*}).
 *
 * @param maxEntries how many; the least used go first
 */
@ConfigurationProperties("devices.aggregate-cache")
record AggregateCacheProperties(@DefaultValue("10000") long maxEntries) {}
