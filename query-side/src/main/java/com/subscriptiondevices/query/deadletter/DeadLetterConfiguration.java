package com.subscriptiondevices.query.deadletter;

import java.util.List;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A dead-letter queue for each projection: an event its handlers cannot handle is set aside in the
 * {@code deadletterentry} table (Flyway, V6) instead of stopping the projection, and later events of
 * the same subscription queue behind it, so the read model never sees them out of order. Registered
 * explicitly: Axon's property-driven queues are wired by its JDBC auto-configuration, which does not
 * apply under Spring Boot 4 (see the platform's {@code AxonConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
class DeadLetterConfiguration {

    static final String GROUPS_PROPERTY =
            "${devices.dead-letters.processing-groups:device-projection,v1-device-projection}";

    @Bean
    ConfigurerModule deadLetterQueues(
            ConnectionProvider connectionProvider,
            TransactionManager transactionManager,
            @Value(GROUPS_PROPERTY) List<String> groups) {
        return configurer -> {
            EventProcessingConfigurer processing = configurer.eventProcessing();
            for (String group : groups(groups)) {
                processing
                        .registerDeadLetterQueue(group, config -> {
                            DeadLetterSchema schema = DeadLetterSchema.defaultSchema();
                            return JdbcSequencedDeadLetterQueue.<EventMessage<?>>builder()
                                    .processingGroup(group)
                                    .schema(schema)
                                    .connectionProvider(connectionProvider)
                                    .transactionManager(transactionManager)
                                    .statementFactory(new CauseKeepingStatementFactory(
                                            schema, config.serializer(), config.eventSerializer()))
                                    .genericSerializer(config.serializer())
                                    .eventSerializer(config.eventSerializer())
                                    .build();
                        })
                        .registerDeadLetterPolicy(group, config -> new ProjectionFailurePolicy(group))
                        // A rebuild replays every event, the dead-lettered ones too: it starts from an empty
                        // queue. The cache remembers which subscriptions have letters, so that not every
                        // event costs a look at the table.
                        .registerDeadLetteringEventHandlerInvokerConfiguration(
                                group,
                                (config, invoker) -> invoker.allowReset(true).enableSequenceIdentifierCache());
            }
        };
    }

    /** Lazy on the transaction manager: handler enhancers are collected while Axon's configuration is built. */
    @Bean
    HandlerEnhancerDefinition handlersInSavepoints(
            ObjectProvider<PlatformTransactionManager> transactions, @Value(GROUPS_PROPERTY) List<String> groups) {
        return new SavepointPerHandler(transactions, groups(groups));
    }

    private static List<String> groups(List<String> groups) {
        return groups.stream().map(String::strip).filter(g -> !g.isEmpty()).toList();
    }
}
