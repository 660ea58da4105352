package com.subscriptiondevices.query.device.web;

import com.subscriptiondevices.api.device.DeviceId;
import com.subscriptiondevices.api.device.DeviceView;
import com.subscriptiondevices.api.device.FindDevice;
import com.subscriptiondevices.api.device.FindDeviceAsOf;
import com.subscriptiondevices.api.device.FindDevicesByIdentifier;
import com.subscriptiondevices.api.device.FindSubscriptionDevices;
import com.subscriptiondevices.api.device.SubscriptionDevices;
import com.subscriptiondevices.api.error.DomainException;
import com.subscriptiondevices.api.error.ErrorCode;
import com.subscriptiondevices.api.identifier.Identifiers;
import com.subscriptiondevices.api.subscription.FindSubscription;
import com.subscriptiondevices.api.subscription.SubscriptionId;
import com.subscriptiondevices.api.subscription.SubscriptionView;
import com.subscriptiondevices.platform.security.Secrets;
import com.subscriptiondevices.platform.web.ETags;
import com.subscriptiondevices.platform.web.QuerySender;
import com.subscriptiondevices.query.audit.AsOf;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * V2 reads: every answer comes from the read model through a query, except a device read with
 * {@code as_of}, which is replayed from the event store.
 */
@RestController
class DeviceReadController {

    private static final String MAC_MEANING =
            "A MAC address in any common notation (aa:bb:cc:dd:ee:ff, AA-BB-.., aabb.ccdd.eeff, bare hex)";

    private final QuerySender queries;

    DeviceReadController(QuerySender queries) {
        this.queries = queries;
    }

    @Operation(
            operationId = "findDevicesByIdentifier",
            summary = "Find devices of the org by MAC address and/or serial number",
            description = "Every device of the organization whose identifiers match all given filters; an empty"
                    + " list when none does. At least one filter is required (400 MISSING_QUERY_PARAMS). Needs"
                    + " devices:read; PIN and PUK codes need devices:secrets.")
    @Tag(name = "Devices")
    @GetMapping(path = "/v2/orgs/{org}/devices", produces = MediaType.APPLICATION_JSON_VALUE)
    List<DeviceView> lookup(
            @PathVariable String org,
            @Parameter(description = MAC_MEANING) @RequestParam(name = "mac_address", required = false)
                    String macAddress,
            @Parameter(description = "A serial number, exactly") @RequestParam(name = "serial_number", required = false)
                    String serialNumber) {
        if (!StringUtils.hasText(macAddress) && !StringUtils.hasText(serialNumber)) {
            throw new DomainException(ErrorCode.MISSING_QUERY_PARAMS, "Give mac_address, serial_number, or both.");
        }
        String mac = StringUtils.hasText(macAddress) ? normalizedMac(macAddress) : null;
        String serial = StringUtils.hasText(serialNumber) ? serialNumber.trim() : null;
        return visible(queries.ask(
                new FindDevicesByIdentifier(org, mac, serial), ResponseTypes.multipleInstancesOf(DeviceView.class)));
    }

    @Operation(
            operationId = "getSubscription",
            summary = "A registered subscription",
            description = "The subscription with its V1 integer id (legacy_id). Needs devices:read.")
    @Tag(name = "Subscriptions")
    @GetMapping(path = "/v2/orgs/{org}/subscriptions/{subscriptionId}", produces = MediaType.APPLICATION_JSON_VALUE)
    SubscriptionView subscription(@PathVariable String org, @PathVariable UUID subscriptionId) {
        Optional<SubscriptionView> found = queries.ask(
                new FindSubscription(org, SubscriptionId.of(subscriptionId)),
                ResponseTypes.optionalInstanceOf(SubscriptionView.class));
        return found.orElseThrow(ScopedNotFound::subscription);
    }

    @Operation(
            operationId = "listSubscriptionDevices",
            summary = "Devices of a subscription, optionally only those with a MAC address",
            description = "Every device of the subscription, returned ones included. Needs devices:read; PIN and PUK"
                    + " codes need devices:secrets.")
    @Tag(name = "Devices")
    @GetMapping(
            path = "/v2/orgs/{org}/subscriptions/{subscriptionId}/devices",
            produces = MediaType.APPLICATION_JSON_VALUE)
    List<DeviceView> devicesOf(
            @PathVariable String org,
            @PathVariable UUID subscriptionId,
            @Parameter(description = MAC_MEANING) @RequestParam(name = "mac_address", required = false)
                    String macAddress) {
        String mac = StringUtils.hasText(macAddress) ? normalizedMac(macAddress) : null;
        SubscriptionDevices found = queries.ask(
                new FindSubscriptionDevices(org, SubscriptionId.of(subscriptionId), mac),
                ResponseTypes.instanceOf(SubscriptionDevices.class));
        if (!found.subscriptionFound()) {
            throw ScopedNotFound.subscription();
        }
        return visible(found.devices());
    }

    @Operation(
            operationId = "getDevice",
            summary = "One device of a subscription, with its ETag",
            description = "With as_of, the device as it was at that instant, rebuilt from the subscription's"
                    + " events (not from the read model), with the ETag of the version it had then; that needs"
                    + " the devices:audit scope. Needs devices:read; PIN and PUK codes need the devices:secrets"
                    + " scope.",
            responses = {
                @ApiResponse(
                        responseCode = "200",
                        description = "The device",
                        headers =
                                @Header(
                                        name = HttpHeaders.ETAG,
                                        description = "The device's version, for If-Match",
                                        required = true,
                                        schema = @Schema(type = "string", example = "\"1\""))),
                @ApiResponse(
                        responseCode = "404",
                        description = "No such subscription or device in this organization (at as_of: not yet)")
            })
    @Tag(name = "Devices")
    @GetMapping(
            path = "/v2/orgs/{org}/subscriptions/{subscriptionId}/devices/{deviceId}",
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<DeviceView> device(
            @Parameter(description = "Organization name") @PathVariable String org,
            @Parameter(description = "The subscription's UUID") @PathVariable UUID subscriptionId,
            @Parameter(description = "The device's UUID") @PathVariable UUID deviceId,
            @Parameter(description = AsOf.MEANING, schema = @Schema(type = "string", format = "date-time"))
                    @RequestParam(name = "as_of", required = false)
                    String asOf) {
        SubscriptionId subscription = SubscriptionId.of(subscriptionId);
        if (asOf != null) {
            return deviceAsOf(org, subscription, DeviceId.of(deviceId), AsOf.parse(asOf));
        }
        Optional<DeviceView> found = queries.ask(
                new FindDevice(org, subscription, DeviceId.of(deviceId)),
                ResponseTypes.optionalInstanceOf(DeviceView.class));
        if (found.isEmpty()) {
            throw subscriptionExists(org, subscription) ? ScopedNotFound.device() : ScopedNotFound.subscription();
        }
        return withETag(found.get());
    }

    /** Time travel: replayed from the event store, so it never depends on a read model being up to date. */
    private ResponseEntity<DeviceView> deviceAsOf(
            String org, SubscriptionId subscription, DeviceId deviceId, Instant asOf) {
        SubscriptionDevices found = queries.ask(
                new FindDeviceAsOf(org, subscription, deviceId, asOf),
                ResponseTypes.instanceOf(SubscriptionDevices.class));
        if (!found.subscriptionFound()) {
            throw new DomainException(
                    ErrorCode.SUBSCRIPTION_NOT_FOUND, "No such subscription in this organization at " + asOf + ".");
        }
        return found.devices().stream()
                .findFirst()
                .map(DeviceReadController::withETag)
                .orElseThrow(() -> new DomainException(
                        ErrorCode.DEVICE_NOT_FOUND, "The subscription had no such device at " + asOf + "."));
    }

    private static ResponseEntity<DeviceView> withETag(DeviceView device) {
        return ResponseEntity.ok().eTag(ETags.of(device.version())).body(Secrets.forCaller(device));
    }

    private boolean subscriptionExists(String org, SubscriptionId subscription) {
        return queries.ask(
                        new FindSubscription(org, subscription),
                        ResponseTypes.optionalInstanceOf(SubscriptionView.class))
                .isPresent();
    }

    private static String normalizedMac(String macAddress) {
        return Identifiers.normalizeMac(macAddress)
                .orElseThrow(() -> new DomainException(
                        ErrorCode.INVALID_MAC_ADDRESS_FORMAT,
                        "mac_address '" + macAddress + "' is not a MAC address (e.g. AA:BB:CC:DD:EE:FF)."));
    }

    private static List<DeviceView> visible(List<DeviceView> devices) {
        return devices.stream().map(Secrets::forCaller).toList();
    }

    private static final class ScopedNotFound {

        static DomainException subscription() {
            return new DomainException(ErrorCode.SUBSCRIPTION_NOT_FOUND, "No such subscription in this organization.");
        }

        static DomainException device() {
            return new DomainException(ErrorCode.DEVICE_NOT_FOUND, "The subscription has no such device.");
        }
    }
}
