package com.subscriptiondevices.command.simreplacement.process;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the process waits for the network before it rejects a replacement, and how often it asks
 * again meanwhile (answers lost to a restart are asked for again): {@code devices.provisioning.*}.
 */
@ConfigurationProperties("devices.provisioning")
public record ProvisioningSettings(@DefaultValue("5m") Duration timeout, @DefaultValue("30s") Duration retryInterval) {}
