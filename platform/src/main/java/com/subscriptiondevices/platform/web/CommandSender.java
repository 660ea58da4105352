package com.subscriptiondevices.platform.web;

import com.subscriptiondevices.platform.axon.AxonConfiguration;
import com.subscriptiondevices.platform.security.Callers;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;

/**
 * Sends a command on behalf of the current request: its correlation id and the caller's user name go
 * into the command's metadata, and from there into every event it causes.
 */
@Component
public class CommandSender {

    private final CommandGateway commands;

    CommandSender(CommandGateway commands) {
        this.commands = commands;
    }

    public <R> R send(Object command) {
        return send(command, Callers.userName().orElse(null));
    }

    public <R> R send(Object command, String userName) {
        MetaData metaData = MetaData.emptyInstance();
        String requestId = RequestIdFilter.current().orElse(null);
        if (requestId != null) {
            metaData = metaData.and(AxonConfiguration.CORRELATION_ID, requestId);
        }
        if (userName != null) {
            metaData = metaData.and(AxonConfiguration.USER_NAME, userName);
        }
        return commands.sendAndWait(
                GenericCommandMessage.asCommandMessage(command).andMetaData(metaData));
    }
}
