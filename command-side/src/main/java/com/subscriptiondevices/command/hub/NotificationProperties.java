package com.subscriptiondevices.command.hub;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The change notifications' hub ({@code devices.notifications.*}).
 *
 * @param allowedHosts where callbacks may point: host names, IP addresses and CIDR ranges
 *     ({@code 10.20.0.0/16}). A callback's host must be named here (a name, or an address the list
 *     covers), and it is reached only at resolved addresses that are public or listed (see
 *     {@code CallbackPolicy}). The {@code prod} profile allows none until configured.
 * @param connectTimeout how long a delivery may take to connect
 * @param answerTimeout how long a listener may take to answer, once connected
 * @param retry the back-off of a failing delivery
 * @param pollInterval how often an instance looks for work it was not told about (events another instance
 *     appended, retries that fell due, listeners to share out)
 * @param claimTimeout how long an instance's claim on a listener holds without renewal: then another
 *     instance takes the listener over
 * @param concurrencyPerListener a listener's subscriptions delivered at once (each one's events in order)
 * @param batchSize events a listener reads per round
 * @param deliver whether this instance delivers: instances that only serve writes can leave deliveries (and
 *     their CPU) to others; listeners are shared among the instances that do
 */
@ConfigurationProperties("devices.notifications")
public record NotificationProperties(
        @DefaultValue({"localhost", "127.0.0.1"}) List<String> allowedHosts,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("5s") Duration answerTimeout,
        @DefaultValue Retry retry,
        @DefaultValue("200ms") Duration pollInterval,
        @DefaultValue("10s") Duration claimTimeout,
        @DefaultValue("8") int concurrencyPerListener,
        @DefaultValue("200") int batchSize,
        @DefaultValue("true") boolean deliver) {

    /**
     * @param firstInterval the wait after a delivery's first failure; it doubles after each further one
     * @param maxInterval the longest wait between two attempts
     * @param giveUpAfter a delivery still failing this long after its first attempt goes to the hub's dead
     *     letters
     */
    public record Retry(
            @DefaultValue("1s") Duration firstInterval,
            @DefaultValue("10m") Duration maxInterval,
            @DefaultValue("24h") Duration giveUpAfter) {

        /** The wait after the {@code failures}-th failure in a row: 1 s, 2 s, 4 s, ... up to the cap. */
        public Duration after(int failures) {
            Duration wait = firstInterval;
            for (int i = 1; i < failures && wait.compareTo(maxInterval) < 0; i++) {
                wait = wait.multipliedBy(2);
            }
            return wait.compareTo(maxInterval) > 0 ? maxInterval : wait;
        }
    }
}
