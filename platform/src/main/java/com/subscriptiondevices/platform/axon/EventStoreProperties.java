package com.subscriptiondevices.platform.axon;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the event store is read ({@code devices.event-store.*}).
 *
 * @param gapTimeout how long a streaming processor waits for a gap in the global index to fill; kept
 *     well above the longest transaction ({@code spring.transaction.default-timeout}), so no committed
 *     event is ever skipped
 * @param fetchDelay how often a processor polls for events another process appended
 * @param batchSize events per query when reading the store (catch-ups, rebuilds, long aggregates)
 * @param consumerPollInterval how often the asynchronous consumers (the SIM replacement process) look
 *     for new events: they poll instead of being woken by every append, so that a busy write path does
 *     not also pay a read of the store per write
 */
@ConfigurationProperties("devices.event-store")
public record EventStoreProperties(
        @DefaultValue("120s") Duration gapTimeout,
        @DefaultValue("50ms") Duration fetchDelay,
        @DefaultValue("1000") int batchSize,
        @DefaultValue("200ms") Duration consumerPollInterval) {}
