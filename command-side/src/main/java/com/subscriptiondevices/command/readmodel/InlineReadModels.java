package com.subscriptiondevices.command.readmodel;

import com.subscriptiondevices.readmodel.ReadModel;
import com.subscriptiondevices.readmodel.ReadModelGuard;
import java.util.List;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The process that handles commands writes the live read models: each read model's projection runs
 * as a subscribing processor in the command's unit of work, in the same database transaction as the
 * events it shows and the uniqueness claims they make. Whatever fails there fails the command, and
 * nothing of it is stored; a 2xx is therefore visible to the very next read, in any process.
 */
@Configuration(proxyBeanMethods = false)
class InlineReadModels {

    @Bean
    ConfigurerModule readModelsInTheWritingTransaction(List<ReadModel> models, ReadModelGuard guard) {
        return configurer -> {
            EventProcessingConfigurer processing = configurer.eventProcessing();
            for (ReadModel model : models) {
                processing
                        .registerSubscribingEventProcessor(model.name())
                        .registerEventHandler(config -> model.projection(model.schema()))
                        .registerListenerInvocationErrorHandler(
                                model.name(), config -> PropagatingErrorHandler.instance())
                        .registerHandlerInterceptor(model.name(), config -> (unitOfWork, chain) -> {
                            guard.writing(model.name(), unitOfWork);
                            return chain.proceed();
                        });
            }
        };
    }
}
