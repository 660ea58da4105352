package com.subscriptiondevices.readmodel.operations;

import com.subscriptiondevices.api.error.DomainException;
import com.subscriptiondevices.platform.axon.StoredPositions;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A read model that has no live version yet (a new database, a release that adds a read model or
 * moves one, a start that died while building it) is built from the event store before anything
 * else runs. Of several instances starting together, one builds it and the others wait for it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ReadModelStartup implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ReadModelStartup.class);

    private final ReadModelRebuilder rebuilder;
    private final ProjectionStatusReader statuses;
    private final StoredPositions positions;

    ReadModelStartup(ReadModelRebuilder rebuilder, ProjectionStatusReader statuses, StoredPositions positions) {
        this.rebuilder = rebuilder;
        this.statuses = statuses;
        this.positions = positions;
    }

    @Override
    public void run(ApplicationArguments arguments) {
        for (String name : rebuilder.readModels()) {
            while (statuses.version(name) == null) {
                if (positions.head() == 0) {
                    rebuilder.firstVersion(name);
                    break;
                }
                log.info("Read model {} has no live version yet: building it from the event store", name);
                try {
                    RebuildStatus built = rebuilder.runNow(name);
                    if (!built.status().equals("DONE")) {
                        throw new IllegalStateException(
                                "The read model " + name + " could not be built: " + built.failure());
                    }
                } catch (DomainException runningElsewhere) {
                    log.info("Read model {}: {} Waiting for it.", name, runningElsewhere.getMessage());
                    LockSupport.parkNanos(Duration.ofSeconds(2).toNanos());
                }
            }
        }
    }
}
