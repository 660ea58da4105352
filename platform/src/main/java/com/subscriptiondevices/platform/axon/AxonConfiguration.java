package com.subscriptiondevices.platform.axon;

import com.subscriptiondevices.platform.data.WritePipeline;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.sql.DataSource;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.modelling.saga.repository.jdbc.GenericSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import org.axonframework.queryhandling.LoggingQueryInvocationErrorHandler;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.QueryBusSpanFactory;
import org.axonframework.queryhandling.QueryInvocationErrorHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.jackson3.Jackson3SerializerCustomizer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

/**
 * Axon on plain JDBC: the event store, tokens and sagas live in the service's own database, in tables
 * that Flyway creates. Payloads are JSON (Jackson 3) in {@code bytea} columns.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({EventStoreProperties.class, EventProcessingProperties.class, CommandProperties.class})
public class AxonConfiguration {

    /** Metadata keys every command carries and every event inherits. */
    public static final String CORRELATION_ID = "correlationId";

    public static final String USER_NAME = "userName";

    static {
        // The event store keeps timestamps to the millisecond. Events get millisecond timestamps from the
        // start, so a read model written with the command (which sees the event before it is stored) holds
        // exactly what a replay of the stored event gives: rebuilds, verification and time travel agree.
        GenericEventMessage.clock = Clock.tickMillis(ZoneOffset.UTC);
    }

    // Axon's own JdbcAutoConfiguration is conditional on a DataSource bean but not ordered after
    // Spring Boot 4's DataSource auto-configuration, so it never applies; these are its beans, explicitly
    // (with a duplicate-key resolver that also sees PostgreSQL's batch failures).

    /**
     * One database transaction per unit of work: a command's events, the claims they make and the read
     * models' rows commit together or not at all; so do an asynchronous consumer's effects and its
     * position. A commit whose outcome a broken connection left unknown is resolved by looking for the
     * events it appended. (Axon's TransactionAutoConfiguration has the same ordering problem under Boot 4
     * and would otherwise fall back to no transactions at all.)
     */
    @Bean
    TransactionManager axonTransactionManager(
            PlatformTransactionManager transactions, JdbcClient jdbc, WritePipeline pipeline) {
        return new CommitOutcomes(new SpringTransactionManager(transactions), jdbc, pipeline);
    }

    /**
     * Axon's query bus, but without a transaction around each query: every query handler only reads, and
     * under READ COMMITTED a transaction gives several statements no common snapshot anyway. Without it a
     * read is one round trip to the database instead of two (its {@code COMMIT}), and skips the transaction
     * bookkeeping: 4 % of a read's CPU (JFR).
     */
    @Bean("queryBus")
    SimpleQueryBus queryBus(Configuration axon) {
        return SimpleQueryBus.builder()
                .messageMonitor(axon.messageMonitor(QueryBus.class, "queryBus"))
                .errorHandler(axon.getComponent(
                        QueryInvocationErrorHandler.class,
                        () -> LoggingQueryInvocationErrorHandler.builder().build()))
                .queryUpdateEmitter(axon.getComponent(QueryUpdateEmitter.class))
                .spanFactory(axon.getComponent(QueryBusSpanFactory.class))
                .build();
    }

    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new DuplicateKeyResolver();
    }

    @Bean
    ConnectionProvider connectionProvider(DataSource dataSource) {
        return new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource));
    }

    /**
     * Tokens live beside the consumers' effects, so a consumer's effects and its position commit together.
     * Each application context claims under a name of its own: Axon's default, the JVM's name, is the same
     * for two contexts in one JVM (tests run several instances so), which then both held every claim.
     */
    @Bean
    TokenStore tokenStore(
            ConnectionProvider connectionProvider, Serializer serializer, EventProcessingProperties processing) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .schema(new TokenSchema())
                .serializer(serializer)
                .claimTimeout(processing.claimTimeout())
                .nodeId(ManagementFactory.getRuntimeMXBean().getName() + "/"
                        + UUID.randomUUID().toString().substring(0, 8))
                .build();
    }

    /** Process managers' state, beside everything else (tables from Flyway, V4). */
    @Bean
    SagaStore<Object> sagaStore(ConnectionProvider connectionProvider, Serializer serializer) {
        return JdbcSagaStore.builder()
                .connectionProvider(connectionProvider)
                .sqlSchema(new GenericSagaSqlSchema())
                .serializer(serializer)
                .build();
    }

    /**
     * The global index comes from an identity column (one value at a time, never blocks across
     * nodes). A slow transaction leaves a gap that processors wait for up to {@code gapTimeout}; it
     * is well above the longest transaction the service allows ({@code spring.transaction.default-timeout}),
     * so no committed event is ever skipped. Events pass through the registered upcasters on every read
     * (aggregates, processors, rebuilds and audits alike). A command's appends travel with the rest of its
     * write, in one round trip ({@link PipelinedEventStorageEngine}).
     */
    @Bean
    EventStorageEngine eventStorageEngine(
            Serializer defaultSerializer,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            PersistenceExceptionResolver persistenceExceptionResolver,
            ConnectionProvider connectionProvider,
            TransactionManager transactionManager,
            Configuration configuration,
            EventStoreProperties eventStore,
            WritePipeline pipeline) {
        Class<?> dataType = byte[].class;
        JdbcEventStorageEngine.Builder engine = JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .eventSerializer(eventSerializer)
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .upcasterChain(configuration.upcasterChain())
                .dataType(dataType)
                .gapTimeout(Math.toIntExact(eventStore.gapTimeout().toMillis()))
                .batchSize(eventStore.batchSize());
        return new PipelinedEventStorageEngine(engine, pipeline, dataType);
    }

    /**
     * Processors in this process are woken at once by local appends; {@code fetch-delay} bounds how
     * long one waits for events another process appended (the split deployment).
     */
    @Bean
    @Primary
    EventStore eventStore(
            EventStorageEngine storageEngine, Configuration configuration, EventStoreProperties eventStore) {
        EmbeddedEventStore store = EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .fetchDelay(eventStore.fetchDelay().toMillis())
                .build();
        store.registerDispatchInterceptor(CommitOutcomes.recorder());
        return store;
    }

    /**
     * The stream the asynchronous consumers read. Not the event store the commands publish to: that one
     * wakes its readers at every local append, which at a few thousand writes a second cost a read of the
     * store per write (a fifth of a write's CPU, measured). This one polls every
     * {@code consumer-poll-interval} and reads whatever has been committed since, in batches.
     */
    @Bean(destroyMethod = "shutDown")
    EmbeddedEventStore consumerEventSource(
            EventStorageEngine storageEngine, Configuration configuration, EventStoreProperties eventStore) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "consumerEventSource"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .fetchDelay(eventStore.consumerPollInterval().toMillis())
                .build();
    }

    /** Tokens hold Axon's own polymorphic types (replay tokens wrap others); allow exactly those. */
    @Bean
    Jackson3SerializerCustomizer axonTypesAllowed() {
        return builder -> builder.polymorphicTypeValidator(BasicPolymorphicTypeValidator.builder()
                .allowIfSubType("org.axonframework.")
                .build());
    }

    /** The request's correlation id and user name travel from each command to the events it causes. */
    @Bean
    CorrelationDataProvider requestCorrelation() {
        return new SimpleCorrelationDataProvider(CORRELATION_ID, USER_NAME);
    }

    /**
     * Two writers of one subscription in different processes may race to append; the loser is retried
     * on the latest state, and so is a write that met a transient failure of the database (see
     * {@link WriteRetries}). Business refusals are never retried.
     */
    @Bean
    CommandGateway commandGateway(CommandBus commandBus, CommandProperties commands) {
        ScheduledExecutorService retryExecutor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "command-retry");
            thread.setDaemon(true);
            return thread;
        });
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(new WriteRetries(retryExecutor, commands.maxRetries()))
                .build();
    }
}
