package com.subscriptiondevices.platform.axon;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The asynchronous consumers' processors ({@code devices.event-processing.*}).
 *
 * @param claimTimeout how long a token claim of an instance that stopped updating it holds before
 *     another instance may take the work over
 * @param trackConsumers whether the asynchronous consumers (the SIM replacement process) track the
 *     event store; the operator command line sets it to false, so that they only subscribe and never
 *     claim a position the running service holds
 */
@ConfigurationProperties("devices.event-processing")
public record EventProcessingProperties(
        @DefaultValue("10s") Duration claimTimeout, @DefaultValue("true") boolean trackConsumers) {}
