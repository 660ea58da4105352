package com.subscriptiondevices.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.servlet.function.RequestPredicate;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.support.RouterFunctionMapping;

/** Which requests the functional routes take; every other one is left to the annotated controller. */
class HotReadsTest {

    private static final String DEVICE = "/v2/orgs/yoigo/subscriptions/%s/devices";
    private static final String ID = "0b7c2c4e-8f1a-4d2b-9c3e-5f6a7b8c9d0e";
    private static final RequestPredicate LIST = RequestPredicates.path("/v2/orgs/{org}/subscriptions/{id}/devices")
            .and(HotReads.plain(Set.of("mac_address", "offset"), "id"));

    @Test
    void a_plain_get_is_taken() {
        assertThat(LIST.test(request("GET", DEVICE.formatted(ID), Map.of()))).isTrue();
        assertThat(LIST.test(request("GET", DEVICE.formatted(ID.toUpperCase()), Map.of("offset", "2"))))
                .isTrue();
    }

    @Test
    void anything_unusual_is_left_to_the_controller() {
        assertThat(LIST.test(request("HEAD", DEVICE.formatted(ID), Map.of())))
                .as("HEAD")
                .isFalse();
        assertThat(LIST.test(request("POST", DEVICE.formatted(ID), Map.of())))
                .as("POST")
                .isFalse();
        assertThat(LIST.test(request("GET", DEVICE.formatted(ID), Map.of("as_of", "x"))))
                .as("an unknown parameter")
                .isFalse();
        MockHttpServletRequest twice = servletRequest("GET", DEVICE.formatted(ID));
        twice.setQueryString("offset=1&offset=2");
        twice.addParameter("offset", "1", "2");
        assertThat(LIST.test(ServerRequest.create(twice, List.of())))
                .as("a parameter twice")
                .isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "nope",
                " 0b7c2c4e-8f1a-4d2b-9c3e-5f6a7b8c9d0e",
                "0b7c2c4e8f1a4d2b9c3e5f6a7b8c9d0e",
                "1-1-1-1-1",
                "0b7c2c4e-8f1a-4d2b-9c3e-5f6a7b8c9d0g",
                "0b7c2c4e-8f1a-4d2b-9c3e+5f6a7b8c9d0e"
            })
    void a_path_value_that_is_no_canonical_uuid_is_left_to_the_controller(String id) {
        assertThat(HotReads.canonicalUuid(id)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "text/plain",
                "application/xml",
                "application/json;q=0.5, */*;q=0.1",
                "text/*",
                "a/b/c",
                "*/*;q=x"
            })
    void an_accept_header_without_plain_json_is_left_to_the_controller(String accept) {
        MockHttpServletRequest request = servletRequest("GET", DEVICE.formatted(ID));
        request.addHeader("Accept", accept);
        assertThat(LIST.test(ServerRequest.create(request, List.of()))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "*/*", "application/*", "text/html, application/json"})
    void an_accept_header_that_takes_json_is_taken(String accept) {
        MockHttpServletRequest request = servletRequest("GET", DEVICE.formatted(ID));
        request.addHeader("Accept", accept);
        assertThat(LIST.test(ServerRequest.create(request, List.of()))).isTrue();
    }

    @Test
    void the_routes_come_before_the_annotated_mappings() {
        RouterFunctionMapping mapping = new RouterFunctionMapping();
        new HotReads.RoutesFirst().postProcessBeforeInitialization(mapping, "routerFunctionMapping");
        assertThat(mapping.getOrder()).isLessThan(-100); // before actuator's endpoints and the annotated mappings
    }

    private static ServerRequest request(String method, String path, Map<String, String> params) {
        MockHttpServletRequest request = servletRequest(method, path);
        if (!params.isEmpty()) {
            StringBuilder query = new StringBuilder();
            params.forEach((name, value) -> {
                request.addParameter(name, value);
                query.append(query.isEmpty() ? "" : "&")
                        .append(name)
                        .append('=')
                        .append(value);
            });
            request.setQueryString(query.toString());
        }
        return ServerRequest.create(request, List.of());
    }

    private static MockHttpServletRequest servletRequest(String method, String path) {
        return new MockHttpServletRequest(method, path);
    }
}
