package com.subscriptiondevices.platform.testing;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/** Units of work as Axon's transaction interceptor starts one for a command: in a transaction of its own. */
public final class CommandUnitsOfWork {

    private CommandUnitsOfWork() {}

    /** Started, with a transaction that commits with it and rolls back with it. */
    public static UnitOfWork<?> started(TransactionManager transactions) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        Transaction transaction = transactions.startTransaction();
        unitOfWork.onCommit(u -> transaction.commit());
        unitOfWork.onRollback(u -> transaction.rollback());
        return unitOfWork;
    }
}
