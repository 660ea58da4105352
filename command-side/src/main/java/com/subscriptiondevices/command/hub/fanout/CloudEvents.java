package com.subscriptiondevices.command.hub.fanout;

import com.subscriptiondevices.api.device.DeviceDetailsChanged;
import com.subscriptiondevices.api.device.DeviceId;
import com.subscriptiondevices.api.device.DeviceView;
import com.subscriptiondevices.api.subscription.SubscriptionId;
import com.subscriptiondevices.command.hub.HubEventTypes;
import com.subscriptiondevices.command.readmodel.ResourceStates;
import com.subscriptiondevices.platform.axon.AxonConfiguration;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An event as the hub sends it: a CloudEvents 1.0 envelope in the structured JSON format, whose
 * {@code data} is the resource as the V2 GET showed it right after the event (never PIN or PUK codes),
 * with the applied operations of a device change and the change request (as V1 shows it) of a SIM
 * replacement.
 */
final class CloudEvents {

    private final JsonMapper json;

    CloudEvents(JsonMapper json) {
        this.json = json;
    }

    /** The envelope's JSON; empty when the resource is not there (an event of a subscription of another org). */
    Optional<String> of(
            DomainEventMessage<?> event, HubEventTypes.Mapping mapping, String org, ResourceStates.After after) {
        SubscriptionId subscription = SubscriptionId.of(event.getAggregateIdentifier());
        ObjectNode envelope = json.createObjectNode()
                .put("specversion", "1.0")
                .put("id", event.getIdentifier())
                .put("source", "/v2/orgs/" + org + "/subscriptions/" + subscription)
                .put("type", mapping.type());
        ObjectNode data;
        if (mapping.aboutADevice()) {
            DeviceId deviceId = mapping.device().apply(event.getPayload());
            Optional<DeviceView> device = after.device(org, subscription, deviceId);
            if (device.isEmpty()) {
                return Optional.empty();
            }
            envelope.put("subject", "devices/" + deviceId);
            data = json.valueToTree(device.get().withoutSecrets());
            if (mapping.extra() == HubEventTypes.Extra.OPERATIONS
                    && event.getPayload() instanceof DeviceDetailsChanged changed) {
                data.set("operations", json.valueToTree(changed.operations()));
            } else if (mapping.extra() == HubEventTypes.Extra.CHANGE_REQUEST) {
                data.set(
                        "change_request",
                        json.valueToTree(after.latestChangeRequest(
                                        subscription, device.get().legacyId())
                                .orElse(null)));
            }
        } else {
            Optional<?> subscriptionView = after.subscription(org, subscription);
            if (subscriptionView.isEmpty()) {
                return Optional.empty();
            }
            data = json.valueToTree(subscriptionView.get());
        }
        envelope.put("time", event.getTimestamp().toString()).put("datacontenttype", "application/json");
        Object correlation = event.getMetaData().get(AxonConfiguration.CORRELATION_ID);
        if (correlation != null) {
            envelope.put("correlationid", correlation.toString());
        }
        envelope.set("data", data);
        return Optional.of(json.writeValueAsString(envelope));
    }
}
