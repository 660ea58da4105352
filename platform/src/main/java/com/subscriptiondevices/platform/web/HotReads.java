package com.subscriptiondevices.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.function.RequestPredicate;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.servlet.function.support.RouterFunctionMapping;
import tools.jackson.databind.ObjectWriter;

/**
 * The reads asked most, served by functional routes ahead of the annotated controllers: a plain request
 * (a GET that accepts JSON, with valid path values and each known query parameter at most once) skips
 * the annotated controllers' handler lookup over every mapping, their argument resolution and their
 * return-value handling, and calls the same controller method. Any other request to the same path falls
 * through to the annotated controller, which answers it exactly as before (HEAD, another media type, a
 * malformed or repeated parameter...). The annotated methods stay the documented operations. The device
 * writes asked most, POST and PATCH, have routes of their own on the same terms ({@code DeviceWriteRoutes}).
 */
@Configuration(proxyBeanMethods = false)
public class HotReads {

    /** Functional routes first: they only take plain requests to their paths, and cost a few comparisons. */
    @Bean
    static BeanPostProcessor hotReadsFirst() {
        return new RoutesFirst();
    }

    static final class RoutesFirst implements BeanPostProcessor {

        @Override
        public Object postProcessBeforeInitialization(Object bean, String name) {
            if (bean instanceof RouterFunctionMapping routes) {
                routes.setOrder(Ordered.HIGHEST_PRECEDENCE);
            }
            return bean;
        }
    }

    /**
     * A GET whose answer may be JSON, whose query parameters are among {@code parameters}, each given
     * once, and whose path variables named in {@code uuids} are UUIDs in their canonical form.
     */
    public static RequestPredicate plain(Set<String> parameters, String... uuids) {
        return request -> request.method() == HttpMethod.GET
                && answersJson(request)
                && knownOnceEach(request.servletRequest(), parameters)
                && canonicalUuids(request, uuids);
    }

    /** The path variable, known to be a canonical UUID by {@link #plain}. */
    public static UUID uuid(ServerRequest request, String name) {
        return UUID.fromString(request.pathVariable(name));
    }

    /** The query parameter, or null when absent. */
    public static String param(ServerRequest request, String name) {
        return request.param(name).orElse(null);
    }

    /** The controller's answer as it would have written it: status, headers and the body as JSON. */
    public static ServerResponse answer(ResponseEntity<?> entity, ObjectWriter json) {
        return ServerResponse.status(entity.getStatusCode())
                .headers(headers -> headers.addAll(entity.getHeaders()))
                .contentType(MediaType.APPLICATION_JSON)
                .body(json.writeValueAsBytes(entity.getBody()));
    }

    /** A 200 with the body as JSON. */
    public static ServerResponse ok(Object body, ObjectWriter json) {
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).body(json.writeValueAsBytes(body));
    }

    /** Whether the request takes a JSON answer without weighing it against others (no Accept, or JSON's). */
    public static boolean answersJson(ServerRequest request) {
        return acceptsJson(request.headers().header(HttpHeaders.ACCEPT));
    }

    private static boolean acceptsJson(List<String> header) {
        if (header.isEmpty()) {
            return true;
        }
        List<MediaType> accepted;
        try {
            accepted = MediaType.parseMediaTypes(header);
        } catch (InvalidMediaTypeException malformed) {
            return false; // the controller's content negotiation answers it
        }
        boolean json = false;
        for (MediaType type : accepted) {
            if (type.getQualityValue() != 1.0) {
                return false; // weighed preferences: the controller's content negotiation decides
            }
            json |= type.isCompatibleWith(MediaType.APPLICATION_JSON);
        }
        return json;
    }

    private static boolean knownOnceEach(HttpServletRequest request, Set<String> known) {
        if (request.getQueryString() == null) {
            return true;
        }
        for (Map.Entry<String, String[]> param : request.getParameterMap().entrySet()) {
            if (!known.contains(param.getKey()) || param.getValue().length != 1) {
                return false;
            }
        }
        return true;
    }

    /** Whether each path variable named is a UUID in its canonical form. */
    public static boolean canonicalUuids(ServerRequest request, String... names) {
        for (String name : names) {
            if (!canonicalUuid(request.pathVariable(name))) {
                return false;
            }
        }
        return true;
    }

    /** 8-4-4-4-12 hexadecimal digits, as {@link UUID#toString()} writes them (in either case). */
    static boolean canonicalUuid(String text) {
        if (text.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(i);
            boolean ok = i == 8 || i == 13 || i == 18 || i == 23
                    ? c == '-'
                    : c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
