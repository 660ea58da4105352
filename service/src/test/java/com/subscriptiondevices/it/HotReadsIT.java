package com.subscriptiondevices.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.subscriptiondevices.platform.security.Scopes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.support.RouterFunctionMapping;

/**
 * The reads served by functional routes answer exactly as their annotated controllers do: each request
 * here is sent as it is (the route takes it) and with an Accept header that weighs JSON (the route
 * leaves it to the controller), and the two answers are the same, errors included.
 */
class HotReadsIT extends PostgresIT {

    /** Weighed: not plain, so the annotated controller answers. */
    private static final Map<String, String> TO_THE_CONTROLLER = Map.of("Accept", "application/json;q=0.9");

    private static final List<String> COMPARED_HEADERS =
            List.of("content-type", "etag", "x-total-count", "x-result-count", "link", "cache-control");

    @Autowired
    RouterFunctionMapping routes;

    @Test
    void the_plain_reads_are_routed_to_handler_functions_ahead_of_the_annotated_mappings() throws Exception {
        Sim sim = sim();
        for (String path : List.of(
                sim.v2Path(),
                "/v2/orgs/yoigo/devices?iccid=" + sim.iccid(),
                devicesPath(ORG, sim.subscriptionId()),
                "/v1/orgs/yoigo/subscriptions/" + sim.subscriptionId() + "/devices")) {
            MockHttpServletRequest request = new MockHttpServletRequest("GET", path.replaceAll("\\?.*", ""));
            if (path.contains("?")) {
                String query = path.substring(path.indexOf('?') + 1);
                request.setQueryString(query);
                request.addParameter(query.substring(0, query.indexOf('=')), query.substring(query.indexOf('=') + 1));
            }
            HandlerExecutionChain chain = routes.getHandler(request);
            assertThat(chain).as(path).isNotNull();
            assertThat(chain.getHandler()).as(path).isInstanceOf(HandlerFunction.class);
        }
        assertThat(routes.getOrder()).isLessThan(0);
    }

    @Test
    void a_device_and_the_lists_answer_alike_by_both_routes_secrets_and_errors_included() {
        Sim sim = sim();
        String terminal = addTerminal(sim.subscriptionId());
        String reader = token(Scopes.READ);
        String withSecrets = fullToken();
        String v1 = "/v1/orgs/yoigo/subscriptions/";
        List<String> paths = new ArrayList<>(List.of(
                sim.v2Path(),
                devicesPath(ORG, sim.subscriptionId()) + "/" + terminal,
                devicesPath(ORG, sim.subscriptionId()) + "/" + UUID.randomUUID(),
                devicesPath(ORG, UUID.randomUUID().toString()) + "/" + UUID.randomUUID(),
                "/v2/orgs/yoigo/devices?iccid=" + sim.iccid(),
                "/v2/orgs/yoigo/devices?serial_number=S&limit=1",
                "/v2/orgs/yoigo/devices?serial_number=S&offset=1&limit=1",
                "/v2/orgs/yoigo/devices?mac_address=zz",
                "/v2/orgs/yoigo/devices?limit=0&serial_number=S",
                "/v2/orgs/yoigo/devices",
                devicesPath(ORG, sim.subscriptionId()),
                devicesPath(ORG, sim.subscriptionId()) + "?limit=1",
                devicesPath(ORG, UUID.randomUUID().toString()),
                v1 + sim.subscriptionId() + "/devices",
                v1 + sim.subscriptionId() + "/devices?only_active=false&category=SIM",
                v1 + sim.v1Path().split("/")[5] + "/devices?only_active=false",
                v1 + "999999999999/devices"));
        for (String path : paths) {
            for (String token : List.of(reader, withSecrets)) {
                Api.Response routed = api.get(path, token);
                Api.Response annotated = api.get(path, token, TO_THE_CONTROLLER);
                assertThat(routed.status()).as(path).isEqualTo(annotated.status());
                assertThat(routed.body()).as(path).isEqualTo(annotated.body());
                for (String header : COMPARED_HEADERS) {
                    assertThat(routed.headers().allValues(header))
                            .as(header + " of " + path)
                            .isEqualTo(annotated.headers().allValues(header));
                }
            }
        }
        assertThat(api.get(sim.v2Path(), reader).body()).doesNotContain("\"pin\"");
        assertThat(api.get(sim.v2Path(), withSecrets).body()).contains("\"pin\"");
    }

    @Test
    void a_conditional_get_of_an_unchanged_device_is_304_by_both_routes() {
        Sim sim = sim();
        String etag =
                api.get(sim.v2Path(), fullToken()).headers().firstValue("etag").orElseThrow();
        assertThat(api.get(sim.v2Path(), fullToken(), Map.of("If-None-Match", etag))
                        .status())
                .isEqualTo(304);
        assertThat(api.get(sim.v2Path(), fullToken(), Map.of("If-None-Match", etag, "Accept", "application/json;q=0.9"))
                        .status())
                .isEqualTo(304);
    }
}
