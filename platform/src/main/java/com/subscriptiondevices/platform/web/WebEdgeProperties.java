package com.subscriptiondevices.platform.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of what a request may bring ({@code devices.web.*}).
 *
 * @param maxBodySize the largest request body; a larger one is 413
 */
@ConfigurationProperties("devices.web")
public record WebEdgeProperties(@DefaultValue("64KB") DataSize maxBodySize) {}
