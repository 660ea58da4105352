package com.subscriptiondevices.command.simreplacement.process;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The process's deadlines in the database ({@code devices.deadlines.*}).
 *
 * @param pollingInterval how often due deadlines are looked for
 * @param heartbeat how often an instance says it is still running a deadline it picked; one that stops
 *     saying so for six of them (its instance died, or the database broke the connection that would have
 *     recorded the outcome) is run again
 * @param firstRetry how long after a failed run (a transient failure of the database, say) a deadline is
 *     run again; the wait doubles with each failure in a row, up to {@code maxRetry}
 * @param maxRetry the longest wait between two runs of a failing deadline
 */
@ConfigurationProperties("devices.deadlines")
record DeadlineProperties(
        @DefaultValue("1s") Duration pollingInterval,
        @DefaultValue("5s") Duration heartbeat,
        @DefaultValue("1s") Duration firstRetry,
        @DefaultValue("10m") Duration maxRetry) {}
