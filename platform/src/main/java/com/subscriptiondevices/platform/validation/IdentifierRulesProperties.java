package com.subscriptiondevices.platform.validation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Switches of the identifier rules ({@code devices.validation.*}).
 *
 * @param iccidLuhnCheck whether an ICCID's last digit must be its Luhn check digit (off for legacy stock)
 */
@ConfigurationProperties("devices.validation")
public record IdentifierRulesProperties(@DefaultValue("true") boolean iccidLuhnCheck) {}
