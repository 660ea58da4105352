package com.subscriptiondevices.query.v1.web;

import static com.subscriptiondevices.platform.web.HotReads.ok;
import static com.subscriptiondevices.platform.web.HotReads.param;
import static com.subscriptiondevices.platform.web.HotReads.plain;
import static org.springframework.web.servlet.function.RequestPredicates.path;

import com.subscriptiondevices.api.v1.V1DeviceView;
import com.subscriptiondevices.platform.web.HotReads;
import com.subscriptiondevices.platform.web.RequestJson;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.function.RequestPredicate;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectWriter;

/**
 * The V1 list of a subscription's devices as a functional route to {@link V1DeviceReadController}'s own
 * method (see {@link HotReads}), for requests whose every value is valid; the annotated mapping answers
 * the others with the V1 body's one item per invalid parameter, and documents the operation.
 */
@Configuration(proxyBeanMethods = false)
class V1ReadRoutes {

    private static final Pattern SUBSCRIPTION =
            Pattern.compile(V1DeviceReadController.POSITIVE_INTEGER + "|" + V1DeviceReadController.UUID_TEXT);
    private static final Pattern CATEGORY = Pattern.compile("SIM|OTHER");
    private static final Pattern BOOLEAN = Pattern.compile("(?i)true|false");

    @Bean
    RouterFunction<ServerResponse> v1Reads(V1DeviceReadController controller, RequestJson json) {
        ObjectWriter devices = json.mapper().writerFor(new TypeReference<List<V1DeviceView>>() {});
        return RouterFunctions.route()
                .route(
                        path("/v1/orgs/{org_id}/subscriptions/{id}/devices")
                                .and(plain(Set.of("category", "only_active")))
                                .and(valid()),
                        request -> ok(
                                controller.devices(
                                        request.pathVariable("org_id"),
                                        request.pathVariable("id"),
                                        param(request, "category"),
                                        request.param("only_active").orElse("true")),
                                devices))
                .build();
    }

    private static RequestPredicate valid() {
        return request -> SUBSCRIPTION.matcher(request.pathVariable("id")).matches()
                && request.param("category")
                        .map(c -> CATEGORY.matcher(c).matches())
                        .orElse(true)
                && request.param("only_active")
                        .map(a -> BOOLEAN.matcher(a).matches())
                        .orElse(true);
    }
}
