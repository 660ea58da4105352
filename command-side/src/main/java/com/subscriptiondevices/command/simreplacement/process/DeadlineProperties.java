package com.subscriptiondevices.command.simreplacement.process;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The process's deadlines in the database ({@code devices.deadlines.*}).
 *
 * @param pollingInterval how often due deadlines are looked for
 */
@ConfigurationProperties("devices.deadlines")
record DeadlineProperties(@DefaultValue("1s") Duration pollingInterval) {}
