package com.subscriptiondevices.readmodel;

import com.subscriptiondevices.platform.data.Databases;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps writes out of a read model while its rebuilt version is switched in. On PostgreSQL the switch
 * locks the tables, which every process's writes wait for (and then find the new version by name), so
 * nothing is needed here. The embedded H2 database commits each schema change at once and serves one
 * process only: there, writes hold a read lock of this process for the rest of their transaction, and
 * the switch takes the write lock.
 */
@Component
public class ReadModelGuard {

    private final boolean inProcess;
    private final Map<String, ReentrantReadWriteLock> locks = new ConcurrentHashMap<>();

    ReadModelGuard(JdbcClient jdbc) {
        this.inProcess = !jdbc.sql("select 1")
                .query((rs, row) -> Databases.postgres(rs.getStatement().getConnection()))
                .single();
    }

    /** Whether the database is PostgreSQL, whose table locks make the switch atomic across processes. */
    public boolean postgres() {
        return !inProcess;
    }

    /** A write to {@code model} in this unit of work: switches wait until the transaction has ended. */
    public void writing(String model, UnitOfWork<?> unitOfWork) {
        if (!inProcess) {
            return;
        }
        UnitOfWork<?> root = unitOfWork.root();
        String key = ReadModelGuard.class.getName() + "/" + model;
        if (root.getResource(key) == null) {
            ReentrantReadWriteLock.ReadLock lock = lock(model).readLock();
            lock.lock();
            root.resources().put(key, lock);
            root.onCleanup(u -> lock.unlock());
        }
    }

    /** Runs the switch of {@code model} with no write of this process in progress. */
    public <T> T switching(String model, java.util.function.Supplier<T> switchIn) {
        if (!inProcess) {
            return switchIn.get();
        }
        ReentrantReadWriteLock.WriteLock lock = lock(model).writeLock();
        lock.lock();
        try {
            return switchIn.get();
        } finally {
            lock.unlock();
        }
    }

    private ReentrantReadWriteLock lock(String model) {
        return locks.computeIfAbsent(model, name -> new ReentrantReadWriteLock());
    }
}
