package com.subscriptiondevices.command.simreplacement.process;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.subscriptiondevices.api.simreplacement.RejectSimReplacement;
import com.subscriptiondevices.api.simreplacement.SimReplaced;
import com.subscriptiondevices.api.simreplacement.SimReplacementRejected;
import com.subscriptiondevices.api.simreplacement.SimReplacementRequested;
import com.subscriptiondevices.command.simreplacement.provisioning.NetworkProvisioning;
import com.subscriptiondevices.command.simreplacement.provisioning.SwapRequest;
import com.subscriptiondevices.platform.axon.AxonConfiguration;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;

/**
 * Drives one SIM replacement: asks the network to swap the SIM, asks again every retry interval until
 * it answers, and rejects the replacement when no answer comes before the timeout. Its state and its
 * deadlines are kept in the database, so it carries on after a restart.
 */
@Saga
@JsonAutoDetect(
        fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class SimReplacementProcess {

    static final String TIMEOUT = "sim-replacement-timeout";
    static final String RETRY = "sim-replacement-retry";
    public static final String NO_ANSWER = "NO_ANSWER_FROM_NETWORK";

    private SwapRequest request;

    @StartSaga
    @SagaEventHandler(associationProperty = "requestId")
    void on(
            SimReplacementRequested event,
            @MetaDataValue(AxonConfiguration.CORRELATION_ID) String correlationId,
            NetworkProvisioning network,
            DeadlineManager deadlines,
            ProvisioningSettings settings) {
        request = SwapRequest.of(event, correlationId);
        deadlines.schedule(settings.timeout(), TIMEOUT);
        deadlines.schedule(settings.retryInterval(), RETRY);
        network.requestSwap(request);
    }

    // A deadline handler's first parameter is its message: resources come after it, or Axon would take
    // the first one for the (empty) payload and never call the handler.
    @DeadlineHandler(deadlineName = RETRY)
    void askAgain(
            DeadlineMessage<?> deadline,
            NetworkProvisioning network,
            DeadlineManager deadlines,
            ProvisioningSettings settings) {
        deadlines.schedule(settings.retryInterval(), RETRY);
        network.requestSwap(request);
    }

    /** No answer in time: the network is not asked again, and the replacement is rejected. */
    @DeadlineHandler(deadlineName = TIMEOUT)
    void giveUp(DeadlineMessage<?> deadline, DeadlineManager deadlines, CommandGateway commands) {
        deadlines.cancelAllWithinScope(RETRY);
        commands.send(
                new RejectSimReplacement(request.subscriptionId(), request.deviceId(), request.requestId(), NO_ANSWER));
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "requestId")
    void on(SimReplaced event, DeadlineManager deadlines) {
        stopWaiting(deadlines);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "requestId")
    void on(SimReplacementRejected event, DeadlineManager deadlines) {
        stopWaiting(deadlines);
    }

    private static void stopWaiting(DeadlineManager deadlines) {
        deadlines.cancelAllWithinScope(TIMEOUT);
        deadlines.cancelAllWithinScope(RETRY);
    }
}
