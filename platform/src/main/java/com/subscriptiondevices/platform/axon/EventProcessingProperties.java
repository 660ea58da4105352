package com.subscriptiondevices.platform.axon;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The asynchronous consumers' processors ({@code devices.event-processing.*}).
 *
 * @param claimTimeout how long a token claim of an instance that stopped updating it holds before
 *     another instance may take the work over
 */
@ConfigurationProperties("devices.event-processing")
public record EventProcessingProperties(@DefaultValue("10s") Duration claimTimeout) {}
