package com.subscriptiondevices.platform.axon.deadletter;

import java.util.Set;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs each event handler of the given classes in a savepoint of its processor's transaction. A handler
 * that fails leaves nothing behind and the transaction stays usable, so its dead letter and the
 * processor's position can still be written in it: after a failed statement PostgreSQL refuses every
 * further statement of a transaction until it is rolled back.
 */
public final class HandlersInSavepoints implements HandlerEnhancerDefinition {

    private static final TransactionDefinition SAVEPOINT =
            new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_NESTED);

    private final ObjectProvider<PlatformTransactionManager> transactions;
    private final Set<Class<?>> handlerClasses;

    public HandlersInSavepoints(ObjectProvider<PlatformTransactionManager> transactions, Set<Class<?>> handlerClasses) {
        this.transactions = transactions;
        this.handlerClasses = Set.copyOf(handlerClasses);
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        if (!original.canHandleMessageType(EventMessage.class) || !handlerClasses.contains(original.declaringClass())) {
            return original;
        }
        return new InSavepoint<>(original, transactions);
    }

    private static final class InSavepoint<T> extends WrappedMessageHandlingMember<T> {

        private final ObjectProvider<PlatformTransactionManager> transactions;

        /** Resolved on the first event: a bean lookup per event showed in a profile. */
        private volatile PlatformTransactionManager resolvedManager;

        InSavepoint(MessageHandlingMember<T> delegate, ObjectProvider<PlatformTransactionManager> transactions) {
            super(delegate);
            this.transactions = transactions;
        }

        @Override
        public Object handle(Message<?> message, T target) throws Exception {
            if (!TransactionSynchronizationManager.isActualTransactionActive()) {
                return super.handle(message, target);
            }
            PlatformTransactionManager manager = transactionManager();
            TransactionStatus savepoint = manager.getTransaction(SAVEPOINT);
            Object result;
            try {
                result = super.handle(message, target);
            } catch (Exception | Error failure) {
                manager.rollback(savepoint);
                throw failure;
            }
            manager.commit(savepoint);
            return result;
        }

        private PlatformTransactionManager transactionManager() {
            PlatformTransactionManager resolved = resolvedManager;
            if (resolved == null) {
                resolved = transactions.getObject();
                resolvedManager = resolved;
            }
            return resolved;
        }
    }
}
