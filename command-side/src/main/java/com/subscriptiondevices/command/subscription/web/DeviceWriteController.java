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
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
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

    private static final String PATCH_EXAMPLE = "[{\"op\": \"add\", \"path\": \"/in_store_returned_date\","
            + " \"value\": \"2026-11-23T10:00:00Z\", \"reason\": \"SUBSCRIBER_REQUESTED\"}]";

    private final CommandSender commands;
    private final LegacyIds legacyIds;
    private final RequestJson json;

    DeviceWriteController(CommandSender commands, LegacyIds legacyIds, RequestJson json) {
        this.commands = commands;
        this.legacyIds = legacyIds;
        this.json = json;
    }

    @Operation(
            operationId = "addDevice",
            summary = "Add a device to a subscription",
            description = "A terminal (category OTHER, the default) or a SIM (category SIM, with"
                    + " device_additional_details.iccid and imsi). The service assigns id and legacy_id (the V1"
                    + " integer id) when the body leaves them out. MAC addresses and IMEIs are stored normalized."
                    + " Send ICCID and IMSI as strings (JSON numbers are accepted, but a JavaScript client rounds"
                    + " them). Needs devices:write; PIN and PUK codes in the answer need devices:secrets.",
            responses = {
                @ApiResponse(
                        responseCode = "201",
                        description = "The device as stored",
                        headers = {
                            @Header(
                                    name = HttpHeaders.LOCATION,
                                    description = "The device's URL",
                                    required = true,
                                    schema = @Schema(type = "string", format = "uri-reference")),
                            @Header(
                                    name = HttpHeaders.ETAG,
                                    description = "The device's version, for If-Match",
                                    required = true,
                                    schema = @Schema(type = "string", example = "\"1\""))
                        }),
                @ApiResponse(responseCode = "404", description = "No such subscription in this organization"),
                @ApiResponse(
                        responseCode = "409",
                        description = "DEVICE_ALREADY_EXISTS (the id or legacy_id is taken), ICCID_IN_USE,"
                                + " CONCURRENT_MODIFICATION")
            })
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
            operationId = "patchDevice",
            summary = "Patch a device with RFC 6902 operations (optional 'reason' per operation)",
            description = "The operations apply atomically to the device as the caller sees it: a failed test, a"
                    + " missing path, a read-only path (/id, /legacy_id, /status, /category,"
                    + " /device_additional_details/iccid and /imsi) or a result that breaks a rule is 400 and"
                    + " nothing changes. Each operation may carry a 'reason', kept in the audit trail. A patch that"
                    + " changes nothing answers 200 with the same ETag. If-Match, when given, must be the current"
                    + " ETag (else 412). Needs devices:write; a PIN or PUK path needs devices:secrets too.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            description = "An array of JSON Patch operations",
                            content = {
                                @Content(
                                        mediaType = JSON_PATCH,
                                        array =
                                                @ArraySchema(
                                                        schema =
                                                                @Schema(
                                                                        ref = "#/components/schemas/"
                                                                                + DeviceOpenApi.PATCH_OPERATION)),
                                        examples = @ExampleObject(name = "return", value = PATCH_EXAMPLE)),
                                @Content(
                                        mediaType = MediaType.APPLICATION_JSON_VALUE,
                                        array =
                                                @ArraySchema(
                                                        schema =
                                                                @Schema(
                                                                        ref = "#/components/schemas/"
                                                                                + DeviceOpenApi.PATCH_OPERATION)),
                                        examples = @ExampleObject(name = "return", value = PATCH_EXAMPLE))
                            }),
            responses = {
                @ApiResponse(
                        responseCode = "200",
                        description = "The device after the patch",
                        headers =
                                @Header(
                                        name = HttpHeaders.ETAG,
                                        description = "The device's version, for If-Match",
                                        required = true,
                                        schema = @Schema(type = "string", example = "\"2\""))),
                @ApiResponse(responseCode = "404", description = "No such subscription or device in this organization"),
                @ApiResponse(
                        responseCode = "409",
                        description = "CONCURRENT_MODIFICATION: the subscription kept changing; try again"),
                @ApiResponse(
                        responseCode = "412",
                        description = "STALE_VERSION: If-Match is not the device's current ETag")
            })
    @PatchMapping(
            path = "/v2/orgs/{org}/subscriptions/{subscriptionId}/devices/{deviceId}",
            consumes = {JSON_PATCH, MediaType.APPLICATION_JSON_VALUE},
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<DeviceView> patch(
            @PathVariable String org,
            @PathVariable UUID subscriptionId,
            @PathVariable UUID deviceId,
            @Parameter(description = "The ETag the patch expects the device to have (\"3\"); * or none: any")
                    @RequestHeader(name = HttpHeaders.IF_MATCH, required = false)
                    String ifMatch,
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
