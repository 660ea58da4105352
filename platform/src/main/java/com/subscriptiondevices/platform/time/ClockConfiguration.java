package com.subscriptiondevices.platform.time;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The clock that rules about "now" ask (the SIM swap checks' windows and monitored period), as a bean
 * so that tests can replace it and move time. Events keep the instant they were applied at.
 */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
