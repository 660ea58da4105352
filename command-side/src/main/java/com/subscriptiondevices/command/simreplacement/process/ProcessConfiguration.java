package com.subscriptiondevices.command.simreplacement.process;

import com.github.kagkarlsson.scheduler.Scheduler;
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
                        new TransactionAwareDataSourceProxy(dataSource), DbSchedulerDeadlineManager.binaryTask(() ->
                                (DbSchedulerDeadlineManager) deadlineManager.getObject()))
                .threads(2)
                .pollingInterval(deadlines.pollingInterval())
                .build();
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
