package com.subscriptiondevices.command.simreplacement.provisioning;

import com.subscriptiondevices.api.simreplacement.CompleteSimReplacement;
import com.subscriptiondevices.api.simreplacement.RejectSimReplacement;
import com.subscriptiondevices.platform.axon.AxonConfiguration;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Where provisioning adapters report the network's answers: they become commands on the subscription. */
@Component
public class SwapOutcomes {

    static final String PROVISIONING_USER = "network-provisioning";
    public static final String REJECTED_BY_NETWORK = "REJECTED_BY_NETWORK";

    private static final Logger log = LoggerFactory.getLogger(SwapOutcomes.class);

    private final CommandGateway commands;

    SwapOutcomes(CommandGateway commands) {
        this.commands = commands;
    }

    /** The SIM is swapped; the new card's codes are these. */
    public void swapped(SwapRequest request, String pin, String puk, String pin2, String puk2) {
        log.info("Network swapped the SIM of request {} (device {})", request.requestId(), request.deviceId());
        send(
                request,
                new CompleteSimReplacement(
                        request.subscriptionId(), request.deviceId(), request.requestId(), pin, puk, pin2, puk2));
    }

    public void refused(SwapRequest request, String reason) {
        log.info("Network refused request {} (device {}): {}", request.requestId(), request.deviceId(), reason);
        send(
                request,
                new RejectSimReplacement(request.subscriptionId(), request.deviceId(), request.requestId(), reason));
    }

    private void send(SwapRequest request, Object command) {
        MetaData metaData = MetaData.with(AxonConfiguration.USER_NAME, PROVISIONING_USER);
        if (request.correlationId() != null) {
            metaData = metaData.and(AxonConfiguration.CORRELATION_ID, request.correlationId());
        }
        commands.send(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData))
                .whenComplete((result, failure) -> {
                    if (failure != null) {
                        log.error("Could not record the network's answer to request {}", request.requestId(), failure);
                    }
                });
    }
}
