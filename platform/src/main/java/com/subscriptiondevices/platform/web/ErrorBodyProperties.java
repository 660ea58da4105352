package com.subscriptiondevices.platform.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the error bodies ({@code devices.errors.*}).
 *
 * @param referenceBase where each error's {@code reference} links to, followed by {@code #CODE}
 */
@ConfigurationProperties("devices.errors")
public record ErrorBodyProperties(@DefaultValue("/docs/errors") String referenceBase) {}
