package com.subscriptiondevices.query.device.web;

import com.subscriptiondevices.api.device.DeviceId;
import com.subscriptiondevices.api.device.DevicePage;
import com.subscriptiondevices.api.device.DeviceView;
import com.subscriptiondevices.api.device.FindDevice;
import com.subscriptiondevices.api.device.FindDeviceAsOf;
import com.subscriptiondevices.api.device.FindDevicesByIdentifier;
import com.subscriptiondevices.api.device.FindSubscriptionDevices;
import com.subscriptiondevices.api.device.SubscriptionDevices;
import com.subscriptiondevices.api.error.DomainException;
import com.subscriptiondevices.api.error.ErrorCode;
import com.subscriptiondevices.api.subscription.FindSubscription;
import com.subscriptiondevices.api.subscription.SubscriptionId;
import com.subscriptiondevices.api.subscription.SubscriptionView;
import com.subscriptiondevices.platform.security.Secrets;
import com.subscriptiondevices.platform.validation.IdentifierRulesProperties;
import com.subscriptiondevices.platform.web.ETags;
import com.subscriptiondevices.platform.web.QuerySender;
import com.subscriptiondevices.query.audit.AsOf;
import com.subscriptiondevices.query.device.DeviceQueries;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
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
import org.springframework.web.util.UriComponentsBuilder;

/**
 * V2 reads: every answer comes from the read model ({@link DeviceQueries}), except a device read with
 * {@code as_of}, which is replayed from the event store through the audit queries. The plainest of these
 * reads also come here through {@link DeviceReadRoutes}.
 */
@RestController
class DeviceReadController {

    private static final String MAC_MEANING =
            "A MAC address in any common notation (aa:bb:cc:dd:ee:ff, AA-BB-.., aabb.ccdd.eeff, bare hex)";

    private final DeviceQueries reads;
    private final QuerySender queries;
    private final IdentifierRulesProperties identifierRules;

    DeviceReadController(DeviceQueries reads, QuerySender queries, IdentifierRulesProperties identifierRules) {
        this.reads = reads;
        this.queries = queries;
        this.identifierRules = identifierRules;
    }

    @Operation(
            operationId = "findDevicesByIdentifier",
            summary = "Find devices of the org by MAC address, serial number, ICCID, IMSI and/or IMEI",
            description = "Every device of the organization whose identifiers match all given filters, one page at"
                    + " a time in legacy_id order; an empty list when none does. Each identifier may be given in"
                    + " any notation the device's POST accepts. At least one filter is required (400"
                    + " MISSING_QUERY_PARAMS); a malformed one is 400 with its format's code. X-Total-Count says"
                    + " how many match in all, X-Result-Count how many this page holds, and while more follow a"
                    + " Link header with rel=\"next\" gives the next page's URL. Needs devices:read; PIN and PUK"
                    + " codes need devices:secrets.",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            description = "One page of the matching devices",
                            headers = {
                                @Header(
                                        name = Paging.TOTAL_COUNT,
                                        description = "How many devices match in all",
                                        required = true,
                                        schema = @Schema(type = "integer", format = "int64", minimum = "0")),
                                @Header(
                                        name = Paging.RESULT_COUNT,
                                        description = "How many devices this page holds",
                                        required = true,
                                        schema = @Schema(type = "integer", format = "int32", minimum = "0")),
                                @Header(
                                        name = HttpHeaders.LINK,
                                        description = "<...devices?...&offset=N&limit=L>; rel=\"next\", while more"
                                                + " devices follow",
                                        schema = @Schema(type = "string"))
                            }))
    @Tag(name = "Devices")
    @GetMapping(path = "/v2/orgs/{org}/devices", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<List<DeviceView>> lookup(
            @Parameter(description = "Organization name") @PathVariable String org,
            @Parameter(description = MAC_MEANING) @RequestParam(name = "mac_address", required = false)
                    String macAddress,
            @Parameter(description = "A serial number, exactly") @RequestParam(name = "serial_number", required = false)
                    String serialNumber,
            @Parameter(description = "A SIM's ICCID: 19-20 digits starting 89")
                    @RequestParam(name = "iccid", required = false)
                    String iccid,
            @Parameter(description = "A SIM's IMSI: 14-15 digits") @RequestParam(name = "imsi", required = false)
                    String imsi,
            @Parameter(description = "An IMEI: 15 digits, or the AA-BBBBBB-CCCCCC-D form")
                    @RequestParam(name = "imei", required = false)
                    String imei,
            @Parameter(
                            description = Paging.OFFSET_MEANING,
                            schema = @Schema(type = "integer", format = "int64", minimum = "0", defaultValue = "0"))
                    @RequestParam(name = "offset", required = false)
                    String offset,
            @Parameter(
                            description = Paging.LIMIT_MEANING,
                            schema =
                                    @Schema(
                                            type = "integer",
                                            minimum = "1",
                                            maximum = "" + Paging.MAX_LIMIT,
                                            defaultValue = "" + Paging.DEFAULT_LIMIT))
                    @RequestParam(name = "limit", required = false)
                    String limit) {
        LookupFilters filters = LookupFilters.of(macAddress, serialNumber, iccid, imsi, imei, identifierRules);
        Paging page = Paging.of(offset, limit);
        DevicePage found = reads.handle(new FindDevicesByIdentifier(
                org,
                filters.macAddress(),
                filters.serialNumber(),
                filters.iccid(),
                filters.imsi(),
                filters.imei(),
                page.offset(),
                page.limit()));
        return page.answer(
                visible(found.devices()),
                found.total(),
                filters.query(UriComponentsBuilder.newInstance().pathSegment("v2", "orgs", org, "devices")));
    }

    @Operation(
            operationId = "getSubscription",
            summary = "A registered subscription",
            description = "The subscription with its V1 integer id (legacy_id). Needs devices:read.")
    @Tag(name = "Subscriptions")
    @GetMapping(path = "/v2/orgs/{org}/subscriptions/{subscriptionId}", produces = MediaType.APPLICATION_JSON_VALUE)
    SubscriptionView subscription(@PathVariable String org, @PathVariable UUID subscriptionId) {
        return reads.handle(new FindSubscription(org, SubscriptionId.of(subscriptionId)))
                .orElseThrow(ScopedNotFound::subscription);
    }

    @Operation(
            operationId = "listSubscriptionDevices",
            summary = "Devices of a subscription, optionally only those with a MAC address",
            description = "Every device of the subscription, returned ones included, one page at a time in"
                    + " legacy_id order. X-Total-Count says how many there are in all, X-Result-Count how many this"
                    + " page holds, and while more follow a Link header with rel=\"next\" gives the next page's"
                    + " URL. Needs devices:read; PIN and PUK codes need devices:secrets.",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            description = "One page of the subscription's devices",
                            headers = {
                                @Header(
                                        name = Paging.TOTAL_COUNT,
                                        description = "How many devices the subscription has (with the MAC address)",
                                        required = true,
                                        schema = @Schema(type = "integer", format = "int64", minimum = "0")),
                                @Header(
                                        name = Paging.RESULT_COUNT,
                                        description = "How many devices this page holds",
                                        required = true,
                                        schema = @Schema(type = "integer", format = "int32", minimum = "0")),
                                @Header(
                                        name = HttpHeaders.LINK,
                                        description = "<...devices?offset=N&limit=L>; rel=\"next\", while more"
                                                + " devices follow",
                                        schema = @Schema(type = "string"))
                            }))
    @Tag(name = "Devices")
    @GetMapping(
            path = "/v2/orgs/{org}/subscriptions/{subscriptionId}/devices",
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<List<DeviceView>> devicesOf(
            @Parameter(description = "Organization name") @PathVariable String org,
            @Parameter(description = "The subscription's UUID") @PathVariable UUID subscriptionId,
            @Parameter(description = MAC_MEANING) @RequestParam(name = "mac_address", required = false)
                    String macAddress,
            @Parameter(
                            description = Paging.OFFSET_MEANING,
                            schema = @Schema(type = "integer", format = "int64", minimum = "0", defaultValue = "0"))
                    @RequestParam(name = "offset", required = false)
                    String offset,
            @Parameter(
                            description = Paging.LIMIT_MEANING,
                            schema =
                                    @Schema(
                                            type = "integer",
                                            minimum = "1",
                                            maximum = "" + Paging.MAX_LIMIT,
                                            defaultValue = "" + Paging.DEFAULT_LIMIT))
                    @RequestParam(name = "limit", required = false)
                    String limit) {
        String mac = StringUtils.hasText(macAddress) ? LookupFilters.normalizedMac(macAddress) : null;
        Paging page = Paging.of(offset, limit);
        SubscriptionDevices found = reads.handle(
                new FindSubscriptionDevices(org, SubscriptionId.of(subscriptionId), mac, page.offset(), page.limit()));
        if (!found.subscriptionFound()) {
            throw ScopedNotFound.subscription();
        }
        UriComponentsBuilder query = UriComponentsBuilder.newInstance()
                .pathSegment("v2", "orgs", org, "subscriptions", subscriptionId.toString(), "devices");
        if (mac != null) {
            query.queryParam("mac_address", mac);
        }
        return page.answer(visible(found.devices()), found.total(), query);
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
                        responseCode = "304",
                        description = "Not modified: If-None-Match names the device's current ETag (no body)",
                        content = @Content,
                        headers =
                                @Header(
                                        name = HttpHeaders.ETAG,
                                        description = "The device's version",
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
        Optional<DeviceView> found = reads.handle(new FindDevice(org, subscription, DeviceId.of(deviceId)));
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
        return reads.handle(new FindSubscription(org, subscription)).isPresent();
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
