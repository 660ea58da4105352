package com.subscriptiondevices.command.subscription.web;

import com.subscriptiondevices.api.device.AddDevice;
import com.subscriptiondevices.api.device.DeviceId;
import com.subscriptiondevices.api.device.DeviceView;
import com.subscriptiondevices.api.device.PatchDevice;
import com.subscriptiondevices.api.subscription.SubscriptionId;
import com.subscriptiondevices.command.subscription.representation.DeviceRequest;
import com.subscriptiondevices.command.subscription.representation.DeviceRequests;
import com.subscriptiondevices.command.uniqueness.LegacyIds;
import com.subscriptiondevices.platform.security.Secrets;
import com.subscriptiondevices.platform.web.CommandSender;
import com.subscriptiondevices.platform.web.ETags;
import com.subscriptiondevices.platform.web.RequestJson;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** V2 device writes. The read models are written in the command's transaction: a 2xx is visible to the next read. */
@RestController
@Tag(name = "Devices")
class DeviceWriteController {

    static final String JSON_PATCH = "application/json-patch+json";

    private final CommandSender commands;
    private final LegacyIds legacyIds;
    private final RequestJson json;

    DeviceWriteController(CommandSender commands, LegacyIds legacyIds, RequestJson json) {
        this.commands = commands;
        this.legacyIds = legacyIds;
        this.json = json;
    }

    @Operation(summary = "Add a device to a subscription")
    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping(
            path = "/v2/orgs/{org}/subscriptions/{subscriptionId}/devices",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<DeviceView> add(
            @PathVariable String org, @PathVariable UUID subscriptionId, @Valid @RequestBody DeviceRequest body) {
        Secrets.requireScopeToWrite(body.deviceAdditionalDetails() != null
                && body.deviceAdditionalDetails().hasSecretCodes());
        SubscriptionId subscription = SubscriptionId.of(subscriptionId);
        DeviceId deviceId = body.id() == null ? DeviceId.random() : DeviceId.of(body.id());
        DeviceView added = legacyIds.withDeviceLegacyId(
                body.legacyId(),
                legacyId -> commands.send(new AddDevice(
                        subscription,
                        org,
                        deviceId,
                        legacyId,
                        DeviceRequests.categoryOf(body),
                        DeviceRequests.toDetails(body))));
        return ResponseEntity.created(
                        URI.create("/v2/orgs/" + org + "/subscriptions/" + subscription + "/devices/" + deviceId))
                .eTag(ETags.of(added.version()))
                .body(Secrets.forCaller(added));
    }

    @Operation(
            summary = "Patch a device with RFC 6902 operations (optional 'reason' per operation)",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content =
                                    @Content(
                                            mediaType = JSON_PATCH,
                                            array = @ArraySchema(schema = @Schema(implementation = Map.class)))))
    @PatchMapping(
            path = "/v2/orgs/{org}/subscriptions/{subscriptionId}/devices/{deviceId}",
            consumes = {JSON_PATCH, MediaType.APPLICATION_JSON_VALUE},
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<DeviceView> patch(
            @PathVariable String org,
            @PathVariable UUID subscriptionId,
            @PathVariable UUID deviceId,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestBody String operations) {
        json.checkPatch(operations);
        SubscriptionId subscription = SubscriptionId.of(subscriptionId);
        DeviceView patched = commands.send(new PatchDevice(
                subscription,
                org,
                DeviceId.of(deviceId),
                ETags.expectedVersion(ifMatch),
                operations,
                Secrets.visibleToCaller()));
        return ResponseEntity.ok().eTag(ETags.of(patched.version())).body(Secrets.forCaller(patched));
    }
}
