package com.subscriptiondevices.readmodel.operations;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rebuilds of read models ({@code devices.rebuild.*}).
 *
 * @param batchSize events replayed per transaction into the new version
 */
@ConfigurationProperties("devices.rebuild")
record RebuildProperties(@DefaultValue("1000") int batchSize) {}
