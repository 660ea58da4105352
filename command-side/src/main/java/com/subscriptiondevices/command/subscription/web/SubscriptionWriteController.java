package com.subscriptiondevices.command.subscription.web;

import com.subscriptiondevices.api.subscription.CreateSubscription;
import com.subscriptiondevices.api.subscription.SubscriptionId;
import com.subscriptiondevices.api.subscription.SubscriptionView;
import com.subscriptiondevices.command.uniqueness.LegacyIds;
import com.subscriptiondevices.platform.web.CommandSender;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Subscriptions")
class SubscriptionWriteController {

    private final CommandSender commands;
    private final LegacyIds legacyIds;

    SubscriptionWriteController(CommandSender commands, LegacyIds legacyIds) {
        this.commands = commands;
        this.legacyIds = legacyIds;
    }

    @Operation(
            operationId = "registerSubscription",
            summary = "Register a subscription",
            description = "Upstream owns subscriptions; this is how one enters the service. The service assigns"
                    + " id (a UUID) and legacy_id (the V1 integer id) when the body leaves them out. Needs"
                    + " devices:write.",
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
                        description = "SUBSCRIPTION_ALREADY_EXISTS: the id or legacy_id is taken")
            })
    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping(
            path = "/v2/orgs/{org}/subscriptions",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<SubscriptionView> create(@PathVariable String org, @Valid @RequestBody SubscriptionRequest body) {
        SubscriptionId id = body.id() == null ? SubscriptionId.random() : SubscriptionId.of(body.id());
        long legacyId = legacyIds.withSubscriptionLegacyId(body.legacyId(), assigned -> {
            commands.send(new CreateSubscription(id, org, assigned, body.legacyAccountId()));
            return assigned;
        });
        return ResponseEntity.created(URI.create("/v2/orgs/" + org + "/subscriptions/" + id))
                .body(new SubscriptionView(id, legacyId, body.legacyAccountId(), org));
    }
}
