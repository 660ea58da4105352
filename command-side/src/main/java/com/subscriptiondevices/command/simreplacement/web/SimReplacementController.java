package com.subscriptiondevices.command.simreplacement.web;

import com.subscriptiondevices.api.device.DeviceId;
import com.subscriptiondevices.api.error.DomainException;
import com.subscriptiondevices.api.error.ErrorCode;
import com.subscriptiondevices.api.simreplacement.RequestSimReplacement;
import com.subscriptiondevices.api.subscription.SubscriptionId;
import com.subscriptiondevices.api.v1.SubscriptionRef;
import com.subscriptiondevices.command.uniqueness.V1Identities;
import com.subscriptiondevices.platform.security.Callers;
import com.subscriptiondevices.platform.web.CommandSender;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
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
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * V1 SIM replacement: records the request as PENDING (visible at once with {@code only_active=false})
 * and answers 202; a process manager then has the network swap the SIM.
 */
@RestController
@Tag(name = "V1 subscription devices")
class SimReplacementController {

    private static final String SUBSCRIPTION_ID =
            "^(?:[1-9][0-9]{0,17}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$";

    private final CommandSender commands;
    private final V1Identities identities;

    SimReplacementController(CommandSender commands, V1Identities identities) {
        this.commands = commands;
        this.identities = identities;
    }

    @Operation(
            operationId = "requestSimReplacement",
            summary = "Ask for a SIM replacement (asynchronous: 202, then PENDING until the network answers)",
            description = "Records the request as PENDING, visible at once with only_active=false; the network"
                    + " then swaps the SIM (PROCESSED: the device carries the new ICCID, IMSI and codes) or refuses"
                    + " it (REJECTED, with the reason). iccid and imsi are the SIM being replaced, new_iccid and"
                    + " new_imsi the new one; send them as strings. The user name comes from the token's"
                    + " preferred_username, else from user_name. Needs devices:write.",
            responses = {
                @ApiResponse(
                        responseCode = "202",
                        description = "Recorded as PENDING",
                        headers =
                                @Header(
                                        name = HttpHeaders.LOCATION,
                                        description = "The device's V1 URL",
                                        required = true,
                                        schema = @Schema(type = "string", format = "uri-reference"))),
                @ApiResponse(responseCode = "404", description = "No such subscription or device in this organization"),
                @ApiResponse(
                        responseCode = "409",
                        description = "PENDING_CHANGE_REQUEST, DEVICE_NOT_ACTIVE, SIM_MISMATCH (iccid or imsi are"
                                + " not the device's), CATEGORY_MISMATCH, ICCID_IN_USE (new_iccid)")
            })
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PostMapping(
            path = "/v1/orgs/{org_id}/subscriptions/{id}/devices/{device_id}/replacement",
            consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Void> requestReplacement(
            @Parameter(description = "Organization name") @PathVariable("org_id") String org,
            @Parameter(
                            description = "The subscription's integer id, or its UUID",
                            schema = @Schema(type = "string", pattern = SUBSCRIPTION_ID))
                    @PathVariable("id")
                    String subscriptionRef,
            @Parameter(
                            description = "The device's integer id (not its catalogue device_id)",
                            schema = @Schema(type = "string", pattern = "^[1-9][0-9]{0,17}$"))
                    @PathVariable("device_id")
                    String deviceRef,
            @Valid @RequestBody ReplacementRequest body) {
        SubscriptionId subscription = subscription(subscriptionRef);
        DeviceId device = identities
                .device(subscription, legacyId(deviceRef, "device_id"))
                .orElseThrow(() -> new DomainException(
                        ErrorCode.DEVICE_NOT_FOUND, "The subscription has no device " + deviceRef + "."));
        ReplacementRequest.ChangeRequest change = body.subscriptionDeviceChangeRequest();
        if (change.newIccid().equals(change.iccid())) {
            throw new DomainException(ErrorCode.INVALID_BODY, "new_iccid must differ from the iccid being replaced.");
        }
        String userName = Callers.realUserName()
                .or(() -> java.util.Optional.ofNullable(body.userName()).filter(StringUtils::hasText))
                .orElseThrow(() -> new DomainException(
                        ErrorCode.USER_NAME_REQUIRED,
                        "user_name is required when the token does not belong to a real user."));
        commands.send(
                new RequestSimReplacement(
                        subscription,
                        org,
                        device,
                        UUID.randomUUID(),
                        body.category(),
                        userName,
                        body.changeReason(),
                        change.fabricationType(),
                        change.signatureProcessId(),
                        change.signatureType(),
                        change.iccid(),
                        change.imsi(),
                        change.newIccid(),
                        change.newImsi()),
                userName);
        return ResponseEntity.accepted()
                .location(URI.create("/v1/orgs/" + org + "/subscriptions/" + subscriptionRef + "/devices/" + deviceRef))
                .build();
    }

    private SubscriptionId subscription(String reference) {
        SubscriptionRef ref = SubscriptionRef.parse(reference)
                .orElseThrow(() -> new DomainException(
                        ErrorCode.INVALID_PARAMETER,
                        "id '" + reference + "' is neither a subscription's integer id nor its UUID."));
        if (ref.id() != null) {
            return SubscriptionId.of(ref.id());
        }
        return identities
                .subscription(ref.legacyId())
                .orElseThrow(() -> new DomainException(
                        ErrorCode.SUBSCRIPTION_NOT_FOUND, "No subscription with id " + reference + "."));
    }

    private static long legacyId(String text, String name) {
        try {
            long value = Long.parseLong(text);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw new DomainException(ErrorCode.INVALID_PARAMETER, name + " '" + text + "' is not a positive integer.");
    }
}
