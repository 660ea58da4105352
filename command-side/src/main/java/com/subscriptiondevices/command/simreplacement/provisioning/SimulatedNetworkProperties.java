package com.subscriptiondevices.command.simreplacement.provisioning;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The simulated network ({@code devices.provisioning.simulated.*}).
 *
 * @param delay how long it takes to answer
 * @param rejectIccids swaps to these new ICCIDs are refused ({@code REJECTED_BY_NETWORK})
 */
@ConfigurationProperties("devices.provisioning.simulated")
record SimulatedNetworkProperties(@DefaultValue("1s") Duration delay, @DefaultValue List<String> rejectIccids) {}
