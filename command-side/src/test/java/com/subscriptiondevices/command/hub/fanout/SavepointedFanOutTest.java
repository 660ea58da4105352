package com.subscriptiondevices.command.hub.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.subscriptiondevices.platform.data.TransientFailures;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The fan-out's savepoints: none while events go through; after a failure that is not transient the batch
 * fails as a transient one (its processor tries it again), and the retried batch gives each event its
 * savepoint and the append turn outside it, until that batch commits. Axon's own unit of work stands for
 * the processor's batch; the fan-out and the savepoints are recorded.
 */
class SavepointedFanOutTest {

    private final List<String> calls = new ArrayList<>();
    private final IllegalStateException refused = new IllegalStateException("refused by the database");
    private final QueryTimeoutException cancelled = new QueryTimeoutException("cancelled");

    private final EventMessageHandler fanOut = new EventMessageHandler() {
        @Override
        public Object handle(EventMessage<?> event) {
            calls.add("append " + event.getPayload());
            switch ((String) event.getPayload()) {
                case "refused" -> throw refused;
                case "cancelled" -> throw cancelled;
                default -> {
                    return null;
                }
            }
        }
    };

    private final TransactionOperations savepoints = new TransactionOperations() {
        @Override
        public <T> T execute(TransactionCallback<T> action) {
            calls.add("savepoint");
            return action.doInTransaction(null);
        }
    };

    private final SavepointedFanOut savepointed = new SavepointedFanOut(fanOut, () -> calls.add("turn"), savepoints);

    @Test
    void events_that_go_through_have_no_savepoint() throws Exception {
        batch(List.of("a", "b", "c"));

        assertThat(calls).containsExactly("append a", "append b", "append c");
        assertThat(savepointed.inSavepoints()).isFalse();
    }

    @Test
    void a_failure_fails_the_batch_as_a_transient_one_and_its_retry_gives_each_event_a_savepoint_until_it_commits()
            throws Exception {
        UnitOfWork<?> first = DefaultUnitOfWork.startAndGet(event("a"));
        savepointed.handle(event("a"));
        assertThatThrownBy(() -> savepointed.handle(event("refused")))
                .isInstanceOf(SavepointedFanOut.RetriedInSavepoints.class)
                .hasCause(refused)
                .satisfies(failure -> assertThat(TransientFailures.isTransient(failure))
                        .as("the processor retries the batch, it does not dead-letter the event")
                        .isTrue());
        first.rollback();
        assertThat(calls).containsExactly("append a", "append refused");

        calls.clear();
        UnitOfWork<?> retried = DefaultUnitOfWork.startAndGet(event("a"));
        savepointed.handle(event("a"));
        assertThatThrownBy(() -> savepointed.handle(event("refused")))
                .as("the event's own failure, for the error handler to dead-letter")
                .isSameAs(refused);
        savepointed.handle(event("b"));
        assertThat(savepointed.inSavepoints()).as("until the batch commits").isTrue();
        retried.commit();
        assertThat(calls)
                .containsExactly(
                        "turn",
                        "savepoint",
                        "append a",
                        "turn",
                        "savepoint",
                        "append refused",
                        "turn",
                        "savepoint",
                        "append b");
        assertThat(savepointed.inSavepoints()).isFalse();

        calls.clear();
        batch(List.of("c"));
        assertThat(calls).containsExactly("append c");
    }

    @Test
    void a_retried_batch_rolled_back_again_leaves_the_next_try_in_savepoints() throws Exception {
        UnitOfWork<?> first = DefaultUnitOfWork.startAndGet(event("refused"));
        assertThatThrownBy(() -> savepointed.handle(event("refused")))
                .isInstanceOf(SavepointedFanOut.RetriedInSavepoints.class);
        first.rollback();
        UnitOfWork<?> retried = DefaultUnitOfWork.startAndGet(event("cancelled"));
        assertThatThrownBy(() -> savepointed.handle(event("cancelled"))).isSameAs(cancelled);
        retried.rollback();

        calls.clear();
        batch(List.of("a"));
        assertThat(calls).containsExactly("turn", "savepoint", "append a");
    }

    @Test
    void a_transient_failure_is_thrown_as_it_is_and_the_retry_needs_no_savepoint() throws Exception {
        UnitOfWork<?> first = DefaultUnitOfWork.startAndGet(event("cancelled"));
        assertThatThrownBy(() -> savepointed.handle(event("cancelled"))).isSameAs(cancelled);
        first.rollback();
        assertThat(savepointed.inSavepoints()).isFalse();

        calls.clear();
        batch(List.of("a"));
        assertThat(calls).containsExactly("append a");
    }

    private void batch(List<String> payloads) throws Exception {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(event(payloads.get(0)));
        for (String payload : payloads) {
            savepointed.handle(event(payload));
        }
        unitOfWork.commit();
    }

    private static EventMessage<?> event(String payload) {
        return GenericEventMessage.asEventMessage(payload);
    }
}
