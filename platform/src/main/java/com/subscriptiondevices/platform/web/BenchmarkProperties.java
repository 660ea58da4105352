package com.subscriptiondevices.platform.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The benchmark suite's switches ({@code devices.bench.*}).
 *
 * @param constantEndpoint whether {@code /bench/constant} exists (open, without a token)
 */
@ConfigurationProperties("devices.bench")
public record BenchmarkProperties(@DefaultValue("false") boolean constantEndpoint) {}
