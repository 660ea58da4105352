package com.subscriptiondevices.command.simreplacement.process;

import com.subscriptiondevices.api.simreplacement.SimReplaced;
import com.subscriptiondevices.api.simreplacement.SimReplacementRejected;
import com.subscriptiondevices.api.simreplacement.SimReplacementRequested;
import com.subscriptiondevices.platform.axon.EventProcessingProperties;
import com.subscriptiondevices.platform.axon.deadletter.DeadLetterQueues;
import com.subscriptiondevices.platform.axon.deadletter.HandlersInSavepoints;
import java.util.Set;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.saga.AbstractSagaManager;
import org.axonframework.serialization.SerializationException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * How the SIM replacement process reads events and meets failure. Its tracking processor reads the
 * polling stream of the asynchronous consumers (see the platform's {@code consumerEventSource}). It stores its position in the same
 * transaction as the process's state and deadlines. A transient failure of the database fails the
 * batch, which the processor retries with back-off (1 s doubling to a minute), never dead-lettering it.
 * Any other failure dead-letters the event (each handler runs in a savepoint, so the transaction is
 * still good for that), and later events of the same replacement wait behind it until an operator
 * retries the letter. (Axon's own dead-letter queues do not support sagas: this is the same queue,
 * driven by hand.)
 */
@Configuration(proxyBeanMethods = false)
class ProcessFailures {

    static final String GROUP = "SimReplacementProcessProcessor";

    private static final String REDELIVERING = ProcessFailures.class.getName() + ".redelivering";

    @Bean
    ConfigurerModule processDeadLetters(
            DeadLetterQueues letters,
            ObjectProvider<EventProcessingConfiguration> processing,
            TransactionManager transactions,
            @Qualifier("consumerEventSource") ObjectProvider<EmbeddedEventStore> events,
            EventProcessingProperties settings) {
        letters.register(GROUP, event -> redeliver(event, processing.getObject(), transactions));
        return configurer -> {
            EventProcessingConfigurer eventProcessing = configurer.eventProcessing();
            if (settings.trackConsumers()) {
                eventProcessing.registerTrackingEventProcessor(GROUP, config -> events.getObject());
            } else {
                eventProcessing.registerSubscribingEventProcessor(GROUP);
            }
            eventProcessing
                    .registerListenerInvocationErrorHandler(GROUP, config -> (failure, event, handler) -> {
                        if (CurrentUnitOfWork.isStarted()
                                && CurrentUnitOfWork.get().root().getResource(REDELIVERING) != null) {
                            throw failure;
                        }
                        letters.failed(GROUP, replacement(event), event, failure);
                    })
                    .registerHandlerInterceptor(GROUP, config -> (unitOfWork, chain) -> {
                        EventMessage<?> event = unitOfWork.getMessage();
                        Object replacement;
                        try {
                            replacement = replacement(event);
                        } catch (SerializationException unreadable) {
                            // Its stored payload does not read, and no retry reads it better. Thrown from here
                            // it would stop the process (every replacement) until the store was repaired; it
                            // becomes a letter of its own instead (its replacement cannot be known).
                            letters.failed(GROUP, event.getIdentifier(), event, unreadable);
                            return null;
                        }
                        if (replacement != null && letters.waitsBehindLetters(GROUP, replacement, event)) {
                            return null;
                        }
                        return chain.proceed();
                    });
        };
    }

    @Bean
    HandlerEnhancerDefinition processHandlersInSavepoints(ObjectProvider<PlatformTransactionManager> transactions) {
        return new HandlersInSavepoints(transactions, Set.of(SimReplacementProcess.class));
    }

    /** A replacement's events are one sequence: the process never sees them out of order. */
    static Object replacement(EventMessage<?> event) {
        Object payload = event.getPayload();
        if (payload instanceof SimReplacementRequested requested) {
            return requested.requestId().toString();
        }
        if (payload instanceof SimReplaced replaced) {
            return replaced.requestId().toString();
        }
        if (payload instanceof SimReplacementRejected rejected) {
            return rejected.requestId().toString();
        }
        return null;
    }

    /** The letter's event handed to the process again, in a unit of work of its own; a failure is thrown. */
    private static void redeliver(
            EventMessage<?> event, EventProcessingConfiguration processing, TransactionManager transactions)
            throws Exception {
        AbstractSagaManager<?> manager = processing.sagaConfigurations().stream()
                .filter(saga -> saga.type().equals(SimReplacementProcess.class))
                .findFirst()
                .orElseThrow()
                .manager();
        UnitOfWork<EventMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(event);
        unitOfWork.attachTransaction(transactions);
        unitOfWork.resources().put(REDELIVERING, Boolean.TRUE);
        var result = unitOfWork.executeWithResult(() -> {
            manager.handle(event, Segment.ROOT_SEGMENT);
            return null;
        });
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            throw failure instanceof Exception exception ? exception : new IllegalStateException(failure);
        }
    }
}
