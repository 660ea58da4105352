package com.subscriptiondevices.command.subscription.web;

import static com.subscriptiondevices.platform.web.HotReads.answer;
import static com.subscriptiondevices.platform.web.HotReads.uuid;
import static org.springframework.web.servlet.function.RequestPredicates.path;

import com.subscriptiondevices.api.device.DeviceView;
import com.subscriptiondevices.command.subscription.representation.DeviceRequest;
import com.subscriptiondevices.platform.web.HotReads;
import com.subscriptiondevices.platform.web.RequestJson;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Conventions;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.validation.Validator;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.servlet.function.RequestPredicate;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;
import tools.jackson.databind.ObjectWriter;

/**
 * The V2 device writes as functional routes to {@link DeviceWriteController#add} and
 * {@link DeviceWriteController#patch}, for the plain request (see {@link HotReads}): a JSON body (a JSON
 * Patch for the PATCH) of a known length in UTF-8, at most one {@code If-Match}, valid path values, no
 * query. They skip the annotated mappings' handler lookup, argument resolution and return-value handling;
 * every other request to the paths (another media type, a chunked or empty body, HEAD...) goes on to the
 * annotated controller, which answers it as before and documents the operations. The POST's body is read
 * by the same converter and checked by the same validator as the controller's {@code @Valid @RequestBody},
 * and refused with the same exceptions, so both answer alike.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET) // not the operator's command line
class DeviceWriteRoutes {

    private static final List<MediaType> PATCH_TYPES =
            List.of(MediaType.parseMediaType(DeviceWriteController.JSON_PATCH), MediaType.APPLICATION_JSON);
    private static final List<MediaType> POST_TYPES = List.of(MediaType.APPLICATION_JSON);

    @Bean
    RouterFunction<ServerResponse> deviceWrites(
            DeviceWriteController controller, RequestJson json, @Qualifier("mvcValidator") Validator validator) {
        ObjectWriter device = json.mapper().writerFor(DeviceView.class);
        DeviceBodies bodies = new DeviceBodies(new JacksonJsonHttpMessageConverter(json.mapper()), validator);
        return RouterFunctions.route()
                .route(
                        path("/v2/orgs/{org}/subscriptions/{subscriptionId}/devices")
                                .and(plainPost()),
                        request -> answer(
                                controller.add(
                                        request.pathVariable("org"),
                                        uuid(request, "subscriptionId"),
                                        bodies.valid(request.servletRequest())),
                                device))
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

    /** A POST the annotated mapping would take as it is, with a JSON body of known, non-zero length. */
    static RequestPredicate plainPost() {
        return plainWrite(HttpMethod.POST, POST_TYPES, "subscriptionId");
    }

    /** A PATCH the annotated mapping would take as it is, with a body of known, non-zero length. */
    static RequestPredicate plainPatch() {
        return plainWrite(HttpMethod.PATCH, PATCH_TYPES, "subscriptionId", "deviceId")
                .and(request -> request.headers().header(HttpHeaders.IF_MATCH).size() <= 1);
    }

    /**
     * A write without a query whose body, of known non-zero length, is one of {@code types} in UTF-8, whose
     * answer may be JSON, and whose path variables named in {@code uuids} are canonical UUIDs.
     */
    private static RequestPredicate plainWrite(HttpMethod method, List<MediaType> types, String... uuids) {
        return request -> request.method() == method
                && request.servletRequest().getQueryString() == null
                && request.servletRequest().getContentLengthLong() > 0
                && utf8Body(request.headers().header(HttpHeaders.CONTENT_TYPE), types)
                && HotReads.answersJson(request)
                && HotReads.canonicalUuids(request, uuids);
    }

    /** One content type, among {@code types}, in UTF-8 (said or not) and without other parameters. */
    private static boolean utf8Body(List<String> header, List<MediaType> types) {
        if (header.size() != 1) {
            return false;
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(header.get(0));
        } catch (InvalidMediaTypeException malformed) {
            return false;
        }
        return types.stream().anyMatch(type::equalsTypeAndSubtype)
                && type.getParameters().keySet().stream().allMatch(name -> name.equalsIgnoreCase("charset"))
                && (type.getCharset() == null || StandardCharsets.UTF_8.equals(type.getCharset()));
    }

    /**
     * A device's body as {@code @Valid @RequestBody} gives it to the controller: read by the same converter
     * (its failures {@link HttpMessageNotReadableException}), checked by the same validator (its
     * violations {@link MethodArgumentNotValidException} on the controller's parameter).
     */
    private record DeviceBodies(JacksonJsonHttpMessageConverter converter, Validator validator) {

        private static final MethodParameter ADDED = addedDevice();
        private static final String ADDED_NAME = Conventions.getVariableNameForParameter(ADDED);
        private static final ResolvableType REQUEST = ResolvableType.forClass(DeviceRequest.class);

        DeviceRequest valid(HttpServletRequest request) throws IOException, MethodArgumentNotValidException {
            DeviceRequest body = (DeviceRequest) converter.read(REQUEST, new ServletServerHttpRequest(request), null);
            BindingResult errors = new BeanPropertyBindingResult(body, ADDED_NAME);
            validator.validate(body, errors);
            if (errors.hasErrors()) {
                throw new MethodArgumentNotValidException(ADDED, errors);
            }
            return body;
        }

        private static MethodParameter addedDevice() {
            try {
                return new MethodParameter(
                        DeviceWriteController.class.getDeclaredMethod(
                                "add", String.class, UUID.class, DeviceRequest.class),
                        2);
            } catch (NoSuchMethodException renamed) {
                throw new IllegalStateException("DeviceWriteController.add has changed its parameters", renamed);
            }
        }
    }
}
