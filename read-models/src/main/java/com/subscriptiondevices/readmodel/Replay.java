package com.subscriptiondevices.readmodel;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;

/**
 * Events handed straight to a projection, outside any processor: the switch of a rebuild, a
 * verification and time travel replay this way. Handlers get their parameters (the event's
 * timestamp, say) exactly as a processor would pass them.
 */
public final class Replay {

    private final AnnotationEventHandlerAdapter handlers;

    public Replay(Object projection) {
        this.handlers = new AnnotationEventHandlerAdapter(projection);
    }

    public void apply(EventMessage<?> event) {
        try {
            if (handlers.canHandle(event)) {
                handlers.handle(event);
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("The projection failed on event " + event.getIdentifier(), e);
        }
    }
}
