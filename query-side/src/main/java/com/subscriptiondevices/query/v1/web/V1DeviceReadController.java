package com.subscriptiondevices.query.v1.web;

import com.subscriptiondevices.api.device.DeviceCategory;
import com.subscriptiondevices.api.error.DomainException;
import com.subscriptiondevices.api.error.ErrorCode;
import com.subscriptiondevices.api.v1.FindV1Device;
import com.subscriptiondevices.api.v1.FindV1DeviceAsOf;
import com.subscriptiondevices.api.v1.FindV1Devices;
import com.subscriptiondevices.api.v1.SubscriptionRef;
import com.subscriptiondevices.api.v1.V1DeviceView;
import com.subscriptiondevices.api.v1.V1Devices;
import com.subscriptiondevices.platform.security.Callers;
import com.subscriptiondevices.platform.security.Scopes;
import com.subscriptiondevices.platform.web.QuerySender;
import com.subscriptiondevices.query.audit.AsOf;
import com.subscriptiondevices.query.v1.V1DeviceQueries;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * V1 reads ({@code GetSubscriptionDevice}), answered from the V1 read model ({@link V1DeviceQueries}; a
 * device read with {@code as_of} is replayed from the event store through the audit queries). The list
 * also comes here through {@link V1ReadRoutes} for its plainest requests. Each invalid parameter is one item of the
 * V1 error body, checked before anything is looked up.
 */
@RestController
@Tag(name = "V1 subscription devices")
class V1DeviceReadController {

    static final String POSITIVE_INTEGER = "[1-9][0-9]{0,17}";
    static final String UUID_TEXT = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    private static final String SUBSCRIPTION_ID_RULE = "id must be the subscription's positive integer id or its UUID.";
    private static final String DEVICE_ID_RULE = "device_id must be the device's positive integer id.";
    private static final String CATEGORY_RULE = "category must be one of SIM, OTHER.";
    private static final String ONLY_ACTIVE_RULE = "only_active must be true or false.";

    private static final String ONLY_ACTIVE_MEANING = "true (the default): only ACTIVO devices, and no change requests;"
            + " false: every device with its whole change-request history, newest first.";

    private final V1DeviceQueries reads;
    private final QuerySender queries;

    V1DeviceReadController(V1DeviceQueries reads, QuerySender queries) {
        this.reads = reads;
        this.queries = queries;
    }

    @Operation(
            operationId = "listV1Devices",
            summary = "Devices of a subscription",
            description = "The subscription is named by its integer id or its UUID. A device whose"
                    + " in_store_returned_date is set is INACTIVO. Needs devices:read; PIN and PUK codes need the"
                    + " devices:secrets scope.")
    @GetMapping(path = "/v1/orgs/{org_id}/subscriptions/{id}/devices", produces = MediaType.APPLICATION_JSON_VALUE)
    List<V1DeviceView> devices(
            @Parameter(description = "Organization name") @PathVariable("org_id") String org,
            @Parameter(description = "The subscription's integer id, or its UUID")
                    @PathVariable("id")
                    @Pattern(regexp = POSITIVE_INTEGER + "|" + UUID_TEXT, message = SUBSCRIPTION_ID_RULE)
                    String id,
            @Parameter(
                            description = "Only devices of this category: SIM or OTHER",
                            schema = @Schema(implementation = DeviceCategory.class))
                    @RequestParam(name = "category", required = false)
                    @Pattern(regexp = "SIM|OTHER", message = CATEGORY_RULE)
                    String category,
            @Parameter(description = ONLY_ACTIVE_MEANING, schema = @Schema(type = "boolean", defaultValue = "true"))
                    @RequestParam(name = "only_active", defaultValue = "true")
                    @Pattern(regexp = "(?i)true|false", message = ONLY_ACTIVE_RULE)
                    String onlyActive) {
        V1Devices found = reads.handle(new FindV1Devices(
                org,
                subscription(id),
                category == null ? null : DeviceCategory.valueOf(category),
                Boolean.parseBoolean(onlyActive)));
        if (!found.subscriptionFound()) {
            throw NotFound.subscription();
        }
        return found.devices().stream().map(V1DeviceReadController::forCaller).toList();
    }

    @Operation(
            operationId = "getV1Device",
            summary = "One device of a subscription, by the device's integer id",
            description = "With only_active=true (the default) an INACTIVO device is not found (404 DEVICE_NOT_FOUND)."
                    + " With as_of, the device and its change requests as they were at that instant, rebuilt from"
                    + " the subscription's events (not from the read model); that needs the devices:audit scope."
                    + " Needs devices:read; PIN and PUK codes need the devices:secrets scope.")
    @GetMapping(
            path = "/v1/orgs/{org_id}/subscriptions/{id}/devices/{device_id}",
            produces = MediaType.APPLICATION_JSON_VALUE)
    V1DeviceView device(
            @Parameter(description = "Organization name") @PathVariable("org_id") String org,
            @Parameter(description = "The subscription's integer id, or its UUID")
                    @PathVariable("id")
                    @Pattern(regexp = POSITIVE_INTEGER + "|" + UUID_TEXT, message = SUBSCRIPTION_ID_RULE)
                    String id,
            @Parameter(description = "The device's integer id (not its catalogue device_id)")
                    @PathVariable("device_id")
                    @Pattern(regexp = POSITIVE_INTEGER, message = DEVICE_ID_RULE)
                    String deviceId,
            @Parameter(description = ONLY_ACTIVE_MEANING, schema = @Schema(type = "boolean", defaultValue = "true"))
                    @RequestParam(name = "only_active", defaultValue = "true")
                    @Pattern(regexp = "(?i)true|false", message = ONLY_ACTIVE_RULE)
                    String onlyActive,
            @Parameter(description = AsOf.MEANING, schema = @Schema(type = "string", format = "date-time"))
                    @RequestParam(name = "as_of", required = false)
                    String asOf) {
        boolean activeOnly = Boolean.parseBoolean(onlyActive);
        V1Devices found = asOf == null
                ? reads.handle(new FindV1Device(org, subscription(id), Long.parseLong(deviceId), activeOnly))
                : queries.ask(
                        new FindV1DeviceAsOf(
                                org, subscription(id), Long.parseLong(deviceId), activeOnly, AsOf.parse(asOf)),
                        ResponseTypes.instanceOf(V1Devices.class));
        if (!found.subscriptionFound()) {
            throw NotFound.subscription();
        }
        return found.devices().stream()
                .findFirst()
                .map(V1DeviceReadController::forCaller)
                .orElseThrow(() -> NotFound.device(activeOnly));
    }

    /** The pattern has already let only a positive integer or a UUID through. */
    private static SubscriptionRef subscription(String id) {
        return SubscriptionRef.parse(id)
                .orElseThrow(() -> new DomainException(ErrorCode.INVALID_PARAMETER, SUBSCRIPTION_ID_RULE));
    }

    private static V1DeviceView forCaller(V1DeviceView device) {
        return Callers.currentHasScope(Scopes.SECRETS) ? device : device.withoutSecrets();
    }

    private static final class NotFound {

        static DomainException subscription() {
            return new DomainException(ErrorCode.SUBSCRIPTION_NOT_FOUND, "No such subscription in this organization.");
        }

        static DomainException device(boolean onlyActive) {
            return new DomainException(
                    ErrorCode.DEVICE_NOT_FOUND,
                    onlyActive
                            ? "The subscription has no active device with this id (INACTIVO devices are shown with"
                                    + " only_active=false)."
                            : "The subscription has no such device.");
        }
    }
}
