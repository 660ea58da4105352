package com.subscriptiondevices.platform.validation;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/**
 * Makes the identifier rules' settings a bean: the validators are not beans themselves, Spring's
 * constraint validator factory builds them and injects the settings ({@link IccidValidator}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdentifierRulesProperties.class)
class ValidationConfiguration {}
