package com.subscriptiondevices.platform.data;

import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/** The service's one transaction manager: Spring Boot's, with transactions opened before they are used. */
@Configuration(proxyBeanMethods = false)
class TransactionConfiguration {

    @Bean
    PlatformTransactionManager transactionManager(
            DataSource dataSource, ObjectProvider<TransactionManagerCustomizers> customizers) {
        OpenedTransactions transactions = new OpenedTransactions(dataSource);
        customizers.ifAvailable(all -> all.customize(transactions));
        return transactions;
    }

    @Bean
    WritePipeline writePipeline(JdbcTemplate jdbc) {
        return new WritePipeline(jdbc);
    }
}
