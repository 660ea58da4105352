package com.subscriptiondevices.command.subscription.web;

import com.subscriptiondevices.api.subscription.CreateSubscription;
import com.subscriptiondevices.api.subscription.PatchSubscription;
import com.subscriptiondevices.api.subscription.SubscriptionId;
import com.subscriptiondevices.api.subscription.SubscriptionView;
import com.subscriptiondevices.command.uniqueness.LegacyIds;
import com.subscriptiondevices.platform.web.CommandSender;
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
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Subscription writes: registration and its phone number. A 2xx is visible to the next read. */
@RestController
@Tag(name = "Subscriptions")
class SubscriptionWriteController {

    private static final String PATCH_EXAMPLE =
            "[{\"op\": \"add\", \"path\": \"/msisdn\", \"value\": \"+34600123456\"}]";

    private final CommandSender commands;
    private final LegacyIds legacyIds;
    private final RequestJson json;

    SubscriptionWriteController(CommandSender commands, LegacyIds legacyIds, RequestJson json) {
        this.commands = commands;
        this.legacyIds = legacyIds;
        this.json = json;
    }

    @Operation(
            operationId = "registerSubscription",
            summary = "Register a subscription",
            description = "Upstream owns subscriptions; this is how one enters the service. The service assigns"
                    + " id (a UUID) and legacy_id (the V1 integer id) when the body leaves them out. msisdn, the"
                    + " phone number (E.164), is optional and unique across the service. Needs devices:write.",
            responses = {
                @ApiResponse(
                        responseCode = "201",
                        description = "The registered subscription",
                        headers =
                                @Header(
                                        name = HttpHeaders.LOCATION,
                                        description = "The subscription's URL",
                                        required = true,
                                        schema = @Schema(type = "string", format = "uri-reference"))),
                @ApiResponse(
                        responseCode = "409",
                        description = "SUBSCRIPTION_ALREADY_EXISTS: the id or legacy_id is taken; MSISDN_IN_USE:"
                                + " another subscription has the phone number")
            })
    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping(
            path = "/v2/orgs/{org}/subscriptions",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<SubscriptionView> create(@PathVariable String org, @Valid @RequestBody SubscriptionRequest body) {
        SubscriptionId id = body.id() == null ? SubscriptionId.random() : SubscriptionId.of(body.id());
        long legacyId = legacyIds.withSubscriptionLegacyId(body.legacyId(), assigned -> {
            commands.send(new CreateSubscription(id, org, assigned, body.legacyAccountId(), body.msisdn()));
            return assigned;
        });
        return ResponseEntity.created(URI.create("/v2/orgs/" + org + "/subscriptions/" + id))
                .body(new SubscriptionView(id, legacyId, body.legacyAccountId(), org, body.msisdn()));
    }

    @Operation(
            operationId = "patchSubscription",
            summary = "Give, change or remove the subscription's phone number (RFC 6902 operations on /msisdn)",
            description = "The operations apply atomically to the subscription as GET shows it; only /msisdn may"
                    + " change (add or replace it with an E.164 number, remove it), and a test may read any member."
                    + " A failed test, a missing path or another member is 400 and nothing changes. A number held by"
                    + " another subscription is 409 MSISDN_IN_USE. A patch that changes nothing answers 200 and"
                    + " records no event. The SIM swap checks count a number given to a subscription as a SIM"
                    + " change of that number. Needs devices:write.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            description = "An array of JSON Patch operations",
                            content = {
                                @Content(
                                        mediaType = DeviceWriteController.JSON_PATCH,
                                        array =
                                                @ArraySchema(
                                                        schema =
                                                                @Schema(
                                                                        ref = "#/components/schemas/"
                                                                                + DeviceOpenApi
                                                                                        .SUBSCRIPTION_PATCH_OPERATION)),
                                        examples = @ExampleObject(name = "number", value = PATCH_EXAMPLE)),
                                @Content(
                                        mediaType = MediaType.APPLICATION_JSON_VALUE,
                                        array =
                                                @ArraySchema(
                                                        schema =
                                                                @Schema(
                                                                        ref = "#/components/schemas/"
                                                                                + DeviceOpenApi
                                                                                        .SUBSCRIPTION_PATCH_OPERATION)),
                                        examples = @ExampleObject(name = "number", value = PATCH_EXAMPLE))
                            }),
            responses = {
                @ApiResponse(responseCode = "200", description = "The subscription after the patch"),
                @ApiResponse(responseCode = "404", description = "No such subscription in this organization"),
                @ApiResponse(
                        responseCode = "409",
                        description = "MSISDN_IN_USE: another subscription has the phone number;"
                                + " CONCURRENT_MODIFICATION: the subscription kept changing, try again")
            })
    @PatchMapping(
            path = "/v2/orgs/{org}/subscriptions/{subscriptionId}",
            consumes = {DeviceWriteController.JSON_PATCH, MediaType.APPLICATION_JSON_VALUE},
            produces = MediaType.APPLICATION_JSON_VALUE)
    SubscriptionView patch(
            @Parameter(description = "Organization name") @PathVariable String org,
            @Parameter(description = "The subscription's UUID") @PathVariable UUID subscriptionId,
            @RequestBody String operations) {
        json.checkPatch(operations);
        return commands.send(new PatchSubscription(SubscriptionId.of(subscriptionId), org, operations));
    }
}
