package com.subscriptiondevices.command.hub.fanout;

import com.subscriptiondevices.command.hub.BackgroundThreads;
import com.subscriptiondevices.command.hub.delivery.HubDispatcher;
import com.subscriptiondevices.command.readmodel.ResourceStates;
import com.subscriptiondevices.platform.axon.deadletter.DeadLetterQueues;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.SerializationException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hub's consumer of the event store: a tracking processor on the asynchronous consumers' polling
 * stream, one segment (so one instance at a time appends to the hub's stream, in order), its position
 * committed with what it appended. As with the SIM replacement process, a transient database failure
 * fails the batch and is retried with back-off, never dead-lettered; anything else dead-letters the event
 * (group {@value #GROUP}, sequence: the subscription), and the subscription's later events wait behind it.
 * On its first start it begins at the head of the event store: listeners hear what happens after they
 * register, so the past is not read.
 */
@Configuration(proxyBeanMethods = false)
class FanOutConfiguration {

    static final String GROUP = "hub";

    private static final String LETTERS = FanOutConfiguration.class.getName() + ".letters";

    @Bean
    ConfigurerModule hubFanOut(
            DeadLetterQueues letters,
            PlatformTransactionManager platformTransactions,
            @Qualifier("consumerEventSource") ObjectProvider<EmbeddedEventStore> events,
            JdbcClient jdbc,
            ResourceStates states,
            JsonMapper json,
            ObjectProvider<HubDispatcher> dispatcher) {
        HubFanOut fanOut = new HubFanOut(
                new HubEventLog(jdbc),
                states,
                new CloudEvents(json),
                () -> dispatcher.ifAvailable(HubDispatcher::wake));
        // a savepoint for each event when a batch is tried again after a failure (SavepointedFanOut)
        TransactionTemplate savepoint = new TransactionTemplate(platformTransactions);
        savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        // a retried letter runs in the transaction the dead-letter queue opens for it
        letters.register(GROUP, fanOut::handle);
        return configurer -> configurer
                .eventProcessing()
                .registerTrackingEventProcessor(
                        GROUP,
                        config -> events.getObject(),
                        config -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andThreadFactory(BackgroundThreads::processor)
                                .andBatchSize(100)
                                .andInitialTrackingToken(StreamableMessageSource::createHeadToken))
                .registerEventHandler(config -> new SavepointedFanOut(fanOut, fanOut::takeTurn, savepoint))
                .assignHandlerInstancesMatching(GROUP, handler -> handler instanceof SavepointedFanOut)
                .registerListenerInvocationErrorHandler(GROUP, config -> (failure, event, handler) -> {
                    letters.failed(GROUP, subscription(event), event, failure);
                    // the batch's later events of this subscription wait behind the letter
                    CurrentUnitOfWork.map(
                            unitOfWork -> unitOfWork.root().resources().put(LETTERS, Boolean.TRUE));
                })
                .registerHandlerInterceptor(GROUP, config -> (unitOfWork, chain) -> {
                    EventMessage<?> event = unitOfWork.getMessage();
                    if (readablePassedOver(fanOut, event)) {
                        return null;
                    }
                    Object subscription = subscription(event);
                    if (subscription != null
                            && hasLetters(unitOfWork, letters)
                            && letters.waitsBehindLetters(GROUP, subscription, event)) {
                        return null;
                    }
                    return chain.proceed();
                });
    }

    /**
     * Whether the fan-out passes over the event. An event that cannot be read (its stored payload does not
     * deserialize) is not passed over: it will not read better on a retry, so it goes on to the handler,
     * which meets the same failure, and becomes a dead letter like any other failure that is not transient.
     * Thrown from here it would stop the processor, and every listener with it, until someone repaired
     * the store.
     */
    private static boolean readablePassedOver(HubFanOut fanOut, EventMessage<?> event) {
        try {
            return fanOut.passesOver(event);
        } catch (SerializationException unreadable) {
            return false;
        }
    }

    /**
     * Whether the hub's queue holds letters, asked once per batch: only this processor's failures add
     * any (one segment), and a failure in the batch sets it. Most batches then need no look-up per event.
     */
    private static boolean hasLetters(UnitOfWork<?> unitOfWork, DeadLetterQueues letters) {
        return unitOfWork.root().getOrComputeResource(LETTERS, key -> letters.hasLetters(GROUP));
    }

    private static Object subscription(EventMessage<?> event) {
        return event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : null;
    }
}
