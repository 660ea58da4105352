package com.subscriptiondevices.query.simswap;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The SIM swap checks' settings ({@code devices.sim-swap.*}).
 *
 * @param monitoredPeriod how many days back SIM changes may be told (local rules on keeping them): an
 *     older change answers {@code latestSimChange: null} with this period, and a {@code check} further
 *     back is {@code OUT_OF_RANGE}; unset: unlimited
 */
@Validated
@ConfigurationProperties("devices.sim-swap")
public record SimSwapProperties(@Positive Integer monitoredPeriod) {}
