package com.subscriptiondevices.command.simreplacement.process;

import java.time.Duration;

/**
 * How long the process waits for the network before it rejects a replacement, and how often it asks
 * again meanwhile (answers lost to a restart are asked for again).
 */
public record ProvisioningSettings(Duration timeout, Duration retryInterval) {}
