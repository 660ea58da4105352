package com.subscriptiondevices.command.hub.fanout;

import com.subscriptiondevices.api.subscription.SubscriptionCreated;
import com.subscriptiondevices.command.hub.HubEventTypes;
import com.subscriptiondevices.command.hub.listener.ListenerQuery;
import com.subscriptiondevices.command.readmodel.ResourceStates;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The hub's one asynchronous consumer of the event store: for each event that a listener of its org
 * wants, it appends the CloudEvent to the hub's stream, in the transaction that also stores the
 * consumer's position. Listeners then read that stream at their own pace ({@code HubDispatcher}): no
 * listener's trouble reaches this consumer, and events are prepared once whatever the number of
 * listeners. An event that nobody wants costs no statement ({@link #passesOver}).
 */
final class HubFanOut implements EventMessageHandler {

    private static final String WANTED = HubFanOut.class.getName() + ".wanted";

    private final HubEventLog log;
    private final ResourceStates states;
    private final CloudEvents cloudEvents;
    private final Runnable appended;

    HubFanOut(HubEventLog log, ResourceStates states, CloudEvents cloudEvents, Runnable appended) {
        this.log = log;
        this.states = states;
        this.cloudEvents = cloudEvents;
        this.appended = appended;
    }

    @Override
    public boolean canHandle(EventMessage<?> event) {
        return event instanceof DomainEventMessage<?>
                && HubEventTypes.of(event.getPayloadType()).isPresent();
    }

    @Override
    public Class<?> getTargetType() {
        return HubFanOut.class;
    }

    @Override
    public Object handle(EventMessage<?> message) {
        // a retried dead letter comes here without the processor's interceptor: the same check
        if (passesOver(message)) {
            return null;
        }
        DomainEventMessage<?> event = (DomainEventMessage<?>) message;
        HubEventTypes.Mapping mapping = HubEventTypes.of(event.getPayloadType()).orElseThrow();
        String org = orgOf(event).orElseThrow();
        ResourceStates.After after = states.after(event);
        Optional<String> body = cloudEvents.of(event, mapping, org, after);
        if (body.isPresent()) {
            takeTurn();
            log.append(
                    org,
                    event.getAggregateIdentifier(),
                    event.getIdentifier(),
                    indexOf(message),
                    mapping.type(),
                    event.getTimestamp(),
                    body.get());
        }
        return null;
    }

    /** The event's index in the event store, which listeners registered later than its storing pass over. */
    private static Long indexOf(EventMessage<?> message) {
        if (message instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null) {
            OptionalLong index = tracked.trackingToken().position();
            return index.isPresent() ? index.getAsLong() : null;
        }
        return null;
    }

    /**
     * Whether no listener wants the event: then it is passed over before any statement is made for it (no
     * savepoint, no look-up of dead letters), and what is kept of its subscription is forgotten (its state
     * is not kept up to date while nobody listens: it is replayed when someone does).
     */
    boolean passesOver(EventMessage<?> message) {
        if (!(message instanceof DomainEventMessage<?> event)) {
            return true;
        }
        Optional<HubEventTypes.Mapping> mapping = HubEventTypes.of(event.getPayloadType());
        if (mapping.isPresent() && wanted(orgOf(event), mapping.get())) {
            return false;
        }
        states.forget(event.getAggregateIdentifier());
        return true;
    }

    /** The event's org: only a subscription's registration is read for it, every other event's is known. */
    private Optional<String> orgOf(DomainEventMessage<?> event) {
        return SubscriptionCreated.class.equals(event.getPayloadType())
                ? Optional.of(((SubscriptionCreated) event.getPayload()).org())
                : states.orgOf(event.getAggregateIdentifier());
    }

    private boolean wanted(Optional<String> org, HubEventTypes.Mapping mapping) {
        ListenerQuery wanted = org.map(o -> wanted().get(o)).orElse(null);
        return wanted != null && wanted.wants(mapping.type());
    }

    /** What the orgs' listeners want, read once per batch of events (one transaction). */
    private Map<String, ListenerQuery> wanted() {
        if (CurrentUnitOfWork.isStarted()) {
            return CurrentUnitOfWork.get().root().getOrComputeResource(WANTED, key -> log.wanted());
        }
        return log.wanted();
    }

    /**
     * Takes the append turn once per transaction, and tells this process's listeners once it commits, so
     * they need not wait for their next poll.
     */
    void takeTurn() {
        String turn = HubFanOut.class.getName() + ".turn";
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            if (TransactionSynchronizationManager.getResource(turn) != null) {
                return;
            }
            TransactionSynchronizationManager.bindResource(turn, Boolean.TRUE);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(turn);
                    if (status == STATUS_COMMITTED) {
                        appended.run();
                    }
                }
            });
        }
        log.takeTurn();
    }
}
