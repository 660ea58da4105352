package com.subscriptiondevices.query.device.web;

import static com.subscriptiondevices.platform.web.HotReads.answer;
import static com.subscriptiondevices.platform.web.HotReads.param;
import static com.subscriptiondevices.platform.web.HotReads.plain;
import static com.subscriptiondevices.platform.web.HotReads.uuid;
import static org.springframework.web.servlet.function.RequestPredicates.path;

import com.subscriptiondevices.api.device.DeviceView;
import com.subscriptiondevices.platform.web.HotReads;
import com.subscriptiondevices.platform.web.RequestJson;
import java.util.List;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectWriter;

/**
 * The V2 reads asked most, as functional routes to {@link DeviceReadController}'s own methods (see
 * {@link HotReads}): one device (without {@code as_of}), the lookups across an org, a subscription's
 * devices. The controller's annotated mappings answer every other request to these paths, and document
 * them.
 */
@Configuration(proxyBeanMethods = false)
class DeviceReadRoutes {

    private static final Set<String> LOOKUP_PARAMETERS =
            Set.of("mac_address", "serial_number", "iccid", "imsi", "imei", "offset", "limit");
    private static final Set<String> LIST_PARAMETERS = Set.of("mac_address", "offset", "limit");

    @Bean
    RouterFunction<ServerResponse> deviceReads(DeviceReadController controller, RequestJson json) {
        ObjectWriter device = json.mapper().writerFor(DeviceView.class);
        ObjectWriter devices = json.mapper().writerFor(new TypeReference<List<DeviceView>>() {});
        return RouterFunctions.route()
                .route(
                        path("/v2/orgs/{org}/subscriptions/{subscriptionId}/devices/{deviceId}")
                                .and(plain(Set.of(), "subscriptionId", "deviceId")),
                        request -> answer(
                                controller.device(
                                        request.pathVariable("org"),
                                        uuid(request, "subscriptionId"),
                                        uuid(request, "deviceId"),
                                        null),
                                device))
                .route(
                        path("/v2/orgs/{org}/devices").and(plain(LOOKUP_PARAMETERS)),
                        request -> answer(
                                controller.lookup(
                                        request.pathVariable("org"),
                                        param(request, "mac_address"),
                                        param(request, "serial_number"),
                                        param(request, "iccid"),
                                        param(request, "imsi"),
                                        param(request, "imei"),
                                        param(request, "offset"),
                                        param(request, "limit")),
                                devices))
                .route(
                        path("/v2/orgs/{org}/subscriptions/{subscriptionId}/devices")
                                .and(plain(LIST_PARAMETERS, "subscriptionId")),
                        request -> answer(
                                controller.devicesOf(
                                        request.pathVariable("org"),
                                        uuid(request, "subscriptionId"),
                                        param(request, "mac_address"),
                                        param(request, "offset"),
                                        param(request, "limit")),
                                devices))
                .build();
    }
}
