package com.subscriptiondevices.platform.axon;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How commands are sent ({@code devices.commands.*}).
 *
 * @param maxRetries retries of a command whose append lost a race or met a transient failure of the
 *     database (see {@link WriteRetries})
 */
@ConfigurationProperties("devices.commands")
public record CommandProperties(@DefaultValue("5") int maxRetries) {}
