package com.subscriptiondevices.query.operations;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The operator command line ({@code devices.operator.*}; bin/projections sets it).
 *
 * @param command what to run instead of serving: {@code status}, {@code rebuild <read-model>}, {@code
 *     verify [read-model]}; empty to serve
 */
@ConfigurationProperties("devices.operator")
record OperatorProperties(@DefaultValue("") String command) {}
