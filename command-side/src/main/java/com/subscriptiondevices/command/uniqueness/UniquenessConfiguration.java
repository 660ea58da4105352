package com.subscriptiondevices.command.uniqueness;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The claims run in the appending thread and fail the command when a value is taken. */
@Configuration(proxyBeanMethods = false)
class UniquenessConfiguration {

    @Bean
    ConfigurerModule uniqueClaimsInTheWritingTransaction() {
        return configurer -> configurer
                .eventProcessing()
                .registerSubscribingEventProcessor(UniqueClaimPolicy.GROUP)
                .registerListenerInvocationErrorHandler(
                        UniqueClaimPolicy.GROUP, configuration -> PropagatingErrorHandler.instance());
    }
}
