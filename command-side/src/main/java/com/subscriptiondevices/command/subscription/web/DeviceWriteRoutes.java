package com.subscriptiondevices.command.subscription.web;

import static com.subscriptiondevices.platform.web.HotReads.answer;
import static com.subscriptiondevices.platform.web.HotReads.uuid;
import static org.springframework.web.servlet.function.RequestPredicates.path;

import com.subscriptiondevices.api.device.DeviceView;
import com.subscriptiondevices.platform.web.HotReads;
import com.subscriptiondevices.platform.web.RequestJson;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RequestPredicate;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;
import tools.jackson.databind.ObjectWriter;

/**
 * The V2 device PATCH as a functional route to {@link DeviceWriteController#patch}, for the plain
 * request (see {@link HotReads}): a JSON Patch body of a known length in UTF-8, at most one
 * {@code If-Match}, valid path values, no query. It skips the annotated mappings' handler lookup, argument
 * resolution and return-value handling; every other request to the path (another media type, a chunked
 * or empty body, HEAD...) goes on to the annotated controller, which answers it as before and documents
 * the operation.
 */
@Configuration(proxyBeanMethods = false)
class DeviceWriteRoutes {

    private static final List<MediaType> PATCH_TYPES =
            List.of(MediaType.parseMediaType(DeviceWriteController.JSON_PATCH), MediaType.APPLICATION_JSON);

    @Bean
    RouterFunction<ServerResponse> deviceWrites(DeviceWriteController controller, RequestJson json) {
        ObjectWriter device = json.mapper().writerFor(DeviceView.class);
        return RouterFunctions.route()
                .route(
                        path("/v2/orgs/{org}/subscriptions/{subscriptionId}/devices/{deviceId}")
                                .and(plainPatch()),
                        request -> answer(
                                controller.patch(
                                        request.pathVariable("org"),
                                        uuid(request, "subscriptionId"),
                                        uuid(request, "deviceId"),
                                        request.headers().firstHeader(HttpHeaders.IF_MATCH),
                                        new String(
                                                request.servletRequest()
                                                        .getInputStream()
                                                        .readAllBytes(),
                                                StandardCharsets.UTF_8)),
                                device))
                .build();
    }

    /** A PATCH the annotated mapping would take as it is, with a body of known, non-zero length. */
    static RequestPredicate plainPatch() {
        return request -> request.method() == HttpMethod.PATCH
                && request.servletRequest().getQueryString() == null
                && request.servletRequest().getContentLengthLong() > 0
                && patchBody(request.headers().header(HttpHeaders.CONTENT_TYPE))
                && request.headers().header(HttpHeaders.IF_MATCH).size() <= 1
                && HotReads.answersJson(request)
                && HotReads.canonicalUuids(request, "subscriptionId", "deviceId");
    }

    private static boolean patchBody(List<String> header) {
        if (header.size() != 1) {
            return false;
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(header.get(0));
        } catch (InvalidMediaTypeException malformed) {
            return false;
        }
        return PATCH_TYPES.stream().anyMatch(type::equalsTypeAndSubtype)
                && type.getParameters().keySet().stream().allMatch(name -> name.equalsIgnoreCase("charset"))
                && (type.getCharset() == null || StandardCharsets.UTF_8.equals(type.getCharset()));
    }
}
