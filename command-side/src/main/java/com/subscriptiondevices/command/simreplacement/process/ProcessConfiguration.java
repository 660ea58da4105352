package com.subscriptiondevices.command.simreplacement.process;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import java.time.Duration;
import javax.sql.DataSource;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * Deadlines live in the database (db-scheduler's {@code scheduled_tasks}), so a pending replacement
 * still times out, and is still asked for again, after a restart or on another instance. They are
 * scheduled and cancelled in the transaction of the event that asks for them (a transaction-aware data
 * source), so they commit with the process's state and position, or not at all.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ProvisioningSettings.class, DeadlineProperties.class})
class ProcessConfiguration {

    @Bean
    Scheduler deadlineScheduler(
            DataSource dataSource, ObjectProvider<DeadlineManager> deadlineManager, DeadlineProperties deadlines) {
        return Scheduler.create(
                        new TransactionAwareDataSourceProxy(dataSource),
                        retried(
                                DbSchedulerDeadlineManager.binaryTask(
                                        () -> (DbSchedulerDeadlineManager) deadlineManager.getObject()),
                                new BackOff<>(deadlines.firstRetry(), deadlines.maxRetry())))
                .threads(2)
                .pollingInterval(deadlines.pollingInterval())
                .heartbeatInterval(deadlines.heartbeat())
                .build();
    }

    /**
     * Axon's deadline task, run again after a failure with back-off. db-scheduler's own one-time tasks wait
     * five minutes after a failure: a deadline whose run met a broken connection (its transaction could
     * not start, or its outcome could not be recorded) left its replacement pending that long.
     */
    static <T> Task<T> retried(Task<T> axons, FailureHandler<T> backOff) {
        return new OneTimeTask<T>(axons.getName(), axons.getDataClass(), backOff) {
            @Override
            public void executeOnce(TaskInstance<T> instance, ExecutionContext context) {
                axons.execute(instance, context);
            }
        };
    }

    /** After {@code first}, doubling with each failure in a row, never more than {@code max}. */
    record BackOff<T>(Duration first, Duration max) implements FailureHandler<T> {

        @Override
        public void onFailure(ExecutionComplete complete, ExecutionOperations<T> operations) {
            operations.reschedule(
                    complete, complete.getTimeDone().plus(after(complete.getExecution().consecutiveFailures)));
        }

        /** The wait after a failure that follows {@code earlierFailures} others in a row. */
        Duration after(int earlierFailures) {
            Duration wait = first;
            for (int i = 0; i < earlierFailures && wait.compareTo(max) < 0; i++) {
                wait = wait.multipliedBy(2);
            }
            return wait.compareTo(max) < 0 ? wait : max;
        }
    }

    @Bean
    DeadlineManager deadlineManager(
            Scheduler deadlineScheduler,
            org.axonframework.config.Configuration axon,
            Serializer serializer,
            TransactionManager transactionManager) {
        return DbSchedulerDeadlineManager.builder()
                .scheduler(deadlineScheduler)
                .scopeAwareProvider(new ConfigurationScopeAwareProvider(axon))
                .serializer(serializer)
                .transactionManager(transactionManager)
                .useBinaryPojo(true)
                .startScheduler(true)
                .stopScheduler(true)
                .build();
    }
}
