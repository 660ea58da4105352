package com.subscriptiondevices.command.subscription;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Subscriptions kept in memory between commands ({@code devices.aggregate-cache.*}).
 *
 * @param maxEntries how many; the least used go first
 * @param idleFor how long a subscription without commands stays: its next command replays its events. A
 *     subscription's aggregate holds every device's details (about 1 KB of heap a device), and a bound on
 *     entries alone lets a few large idle ones hold the heap
 */
@ConfigurationProperties("devices.aggregate-cache")
record AggregateCacheProperties(@DefaultValue("10000") long maxEntries, @DefaultValue("2m") Duration idleFor) {}
