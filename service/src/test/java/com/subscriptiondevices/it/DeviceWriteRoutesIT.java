package com.subscriptiondevices.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.subscriptiondevices.platform.security.Scopes;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
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
 * The device POST and PATCH served by functional routes answer exactly as their annotated controller
 * does: each request is sent as it is (the route takes it) and with an Accept header that weighs JSON (the
 * route leaves it to the controller), and the answers are the same, errors included; a request the route
 * does not take as it is goes on to the controller.
 */
class DeviceWriteRoutesIT extends PostgresIT {

    /** Weighed: not plain, so the annotated controller answers. */
    private static final Map<String, String> TO_THE_CONTROLLER = Map.of("Accept", "application/json;q=0.9");

    private static final List<String> COMPARED_HEADERS = List.of("content-type", "etag", "cache-control", "location");

    @Autowired
    RouterFunctionMapping routes;

    @Test
    void a_plain_patch_is_routed_to_a_handler_function_and_any_other_goes_on_to_the_controller() throws Exception {
        String path = devicesPath(ORG, UUID.randomUUID().toString()) + "/" + UUID.randomUUID();
        String body = "[{\"op\":\"replace\",\"path\":\"/serial_number\",\"value\":\"X\"}]";

        assertThat(handler(patch(path, "application/json-patch+json", body))).isInstanceOf(HandlerFunction.class);
        assertThat(handler(patch(path, "application/json", body))).isInstanceOf(HandlerFunction.class);
        assertThat(handler(patch(path, "application/json-patch+json; charset=UTF-8", body)))
                .isInstanceOf(HandlerFunction.class);

        assertThat(handler(patch(path, "application/json-patch+json; charset=ISO-8859-1", body)))
                .as("another charset")
                .isNull();
        assertThat(handler(patch(path, "text/plain", body)))
                .as("another media type")
                .isNull();
        assertThat(handler(patch(path, "application/json-patch+json", "")))
                .as("an empty body")
                .isNull();
        MockHttpServletRequest query = patch(path, "application/json-patch+json", body);
        query.setQueryString("x=1");
        assertThat(handler(query)).as("a query").isNull();
        MockHttpServletRequest twoTags = patch(path, "application/json-patch+json", body);
        twoTags.addHeader("If-Match", "\"1\"");
        twoTags.addHeader("If-Match", "\"2\"");
        assertThat(handler(twoTags)).as("two If-Match headers").isNull();
        MockHttpServletRequest weighed = patch(path, "application/json-patch+json", body);
        weighed.addHeader("Accept", "application/json;q=0.9");
        assertThat(handler(weighed)).as("a weighed Accept").isNull();
        assertThat(handler(patch(path.replace("-", ""), "application/json-patch+json", body)))
                .as("a UUID not in its canonical form")
                .isNull();
    }

    @Test
    void refused_patches_answer_alike_by_both_routes_and_change_nothing() {
        Sim sim = sim();
        String terminal = devicesPath(ORG, sim.subscriptionId()) + "/" + addTerminal(sim.subscriptionId());
        String writer = token(Scopes.READ, Scopes.WRITE);
        Map<String, String> patches = new LinkedHashMap<>();
        patches.put("not JSON", "[{");
        patches.put("not an array", "{}");
        patches.put("an empty array", "[]");
        patches.put("a read-only path", "[{\"op\":\"replace\",\"path\":\"/id\",\"value\":\"x\"}]");
        patches.put("a failed test", "[{\"op\":\"test\",\"path\":\"/serial_number\",\"value\":\"nope\"}]");
        patches.put("a missing path", "[{\"op\":\"remove\",\"path\":\"/nope\"}]");
        patches.put("a NUL character", "[{\"op\":\"replace\",\"path\":\"/serial_number\",\"value\":\"a\\u0000b\"}]");
        patches.put("a passing test alone", "[{\"op\":\"test\",\"path\":\"/serial_number\",\"value\":\"S\"}]");
        for (Map.Entry<String, String> patch : patches.entrySet()) {
            compare(patch.getKey(), terminal, fullToken(), patch.getValue(), Map.of());
        }
        String serial = "[{\"op\":\"replace\",\"path\":\"/serial_number\",\"value\":\"Y\"}]";
        compare("a stale If-Match", terminal, fullToken(), serial, Map.of("If-Match", "\"99\""));
        compare("an If-Match of no version", terminal, fullToken(), serial, Map.of("If-Match", "W/\"x\""));
        compare(
                "a PIN without the secrets scope",
                sim.v2Path(),
                writer,
                "[{\"op\":\"replace\",\"path\":\"/device_additional_details/pin\",\"value\":\"1111\"}]",
                Map.of());
        compare("a reader's patch", terminal, token(Scopes.READ), serial, Map.of());
        compare(
                "an unknown device",
                devicesPath(ORG, sim.subscriptionId()) + "/" + UUID.randomUUID(),
                fullToken(),
                serial,
                Map.of());
        compare(
                "an unknown subscription",
                devicesPath(ORG, UUID.randomUUID().toString()) + "/" + UUID.randomUUID(),
                fullToken(),
                serial,
                Map.of());
        compare(
                "another org's device",
                terminal.replace("/orgs/" + ORG + "/", "/orgs/" + OTHER_ORG + "/"),
                fullToken(),
                serial,
                Map.of());

        Api.Response after = api.get(terminal, fullToken());
        assertThat(after.header("ETag")).as("nothing changed the device").isEqualTo("\"1\"");
        assertThat(after.json().get("serial_number").asString()).isEqualTo("S");
    }

    @Test
    void a_change_answers_alike_by_both_routes_each_a_new_version() {
        String subscription = subscription(ORG);
        String device = devicesPath(ORG, subscription) + "/" + addTerminal(subscription);

        Api.Response routed = api.patch(
                device,
                fullToken(),
                "[{\"op\":\"replace\",\"path\":\"/serial_number\",\"value\":\"ROUTED\"}]",
                Map.of("If-Match", "\"1\""));
        Map<String, String> annotatedHeaders = new LinkedHashMap<>(TO_THE_CONTROLLER);
        annotatedHeaders.put("If-Match", "\"2\"");
        Api.Response annotated = api.patch(
                device,
                fullToken(),
                "[{\"op\":\"replace\",\"path\":\"/serial_number\",\"value\":\"ANNOTATED\"}]",
                annotatedHeaders);

        assertThat(routed.status()).as(routed.toString()).isEqualTo(200);
        assertThat(annotated.status()).as(annotated.toString()).isEqualTo(200);
        assertThat(routed.header("ETag")).isEqualTo("\"2\"");
        assertThat(annotated.header("ETag")).isEqualTo("\"3\"");
        assertThat(annotated.body())
                .isEqualTo(
                        routed.body().replace("\"ROUTED\"", "\"ANNOTATED\"").replace("\"version\":2", "\"version\":3"));
        assertThat(annotated.header("Content-Type")).isEqualTo(routed.header("Content-Type"));
        assertThat(api.get(device, fullToken()).body()).isEqualTo(annotated.body());
    }

    @Test
    void a_plain_post_is_routed_to_a_handler_function_and_any_other_goes_on_to_the_controller() throws Exception {
        String path = devicesPath(ORG, UUID.randomUUID().toString());
        String body = Fixtures.terminal(Fixtures.mac(), "S");

        assertThat(handler(request("POST", path, "application/json", body))).isInstanceOf(HandlerFunction.class);
        assertThat(handler(request("POST", path, "application/json;charset=utf-8", body)))
                .isInstanceOf(HandlerFunction.class);

        assertThat(handler(request("POST", path, "application/json; charset=ISO-8859-1", body)))
                .as("another charset")
                .isNull();
        assertThat(handler(request("POST", path, "application/json; v=2", body)))
                .as("another parameter")
                .isNull();
        assertThat(handler(request("POST", path, "application/json-patch+json", body)))
                .as("another media type")
                .isNull();
        assertThat(handler(request("POST", path, "application/json", "")))
                .as("an empty body")
                .isNull();
        MockHttpServletRequest query = request("POST", path, "application/json", body);
        query.setQueryString("x=1");
        assertThat(handler(query)).as("a query").isNull();
        MockHttpServletRequest weighed = request("POST", path, "application/json", body);
        weighed.addHeader("Accept", "application/json;q=0.9");
        assertThat(handler(weighed)).as("a weighed Accept").isNull();
        assertThat(handler(request("POST", path.replace("-", ""), "application/json", body)))
                .as("a UUID not in its canonical form")
                .isNull();
    }

    @Test
    void refused_posts_answer_alike_by_both_routes_and_add_nothing() {
        Sim sim = sim();
        String devices = devicesPath(ORG, sim.subscriptionId());
        Api.Response existing = api.post(devices, fullToken(), Fixtures.terminal(Fixtures.mac(), "S"));
        assertThat(existing.status()).as(existing.toString()).isEqualTo(201);
        String terminal = Fixtures.terminal(Fixtures.mac(), "S");
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("not JSON", "{");
        bodies.put("not an object", "[]");
        bodies.put("an unknown member", terminal.replaceFirst("\\{", "{\"colour\": \"red\", "));
        bodies.put("a member twice", terminal.replaceFirst("\\{", "{\"serial_number\": \"T\", "));
        bodies.put(
                "an array for a string",
                terminal.replaceFirst("\"serial_number\": \"S\"", "\"serial_number\": [\"S\"]"));
        bodies.put("a NUL character", terminal.replace("\"serial_number\": \"S\"", "\"serial_number\": \"a\\u0000b\""));
        bodies.put(
                "an invalid MAC address",
                terminal.replaceFirst("\"mac_address\": \"[^\"]*\"", "\"mac_address\": \"ZZ\""));
        bodies.put(
                "two invalid members",
                terminal.replaceFirst("\"mac_address\": \"[^\"]*\"", "\"mac_address\": \"ZZ\"")
                        .replace("199.90", "-1"));
        bodies.put("no legacy account", terminal.replace("\"legacy_account_id\": 4711,", ""));
        bodies.put(
                "a legacy id in use",
                terminal.replaceFirst(
                        "\\{",
                        "{\"legacy_id\": " + existing.json().get("legacy_id").asLong() + ", "));
        bodies.put(
                "an id in use",
                terminal.replaceFirst(
                        "\\{", "{\"id\": \"" + existing.json().get("id").asString() + "\", "));
        for (Map.Entry<String, String> body : bodies.entrySet()) {
            refusedPost(body.getKey(), devices, fullToken(), body.getValue());
        }
        refusedPost(
                "a PIN without the secrets scope",
                devices,
                token(Scopes.READ, Scopes.WRITE),
                Fixtures.sim(Fixtures.iccid(), Fixtures.imsi()));
        refusedPost("a reader's post", devices, token(Scopes.READ), terminal);
        refusedPost(
                "an unknown subscription", devicesPath(ORG, UUID.randomUUID().toString()), fullToken(), terminal);
        refusedPost("another org's subscription", devicesPath(OTHER_ORG, sim.subscriptionId()), fullToken(), terminal);

        Api.Response after = api.get(devices, fullToken());
        assertThat(after.json().size())
                .as("only the SIM and the first terminal: " + after.body())
                .isEqualTo(2);
    }

    @Test
    void an_addition_answers_alike_by_both_routes() {
        String subscription = subscription(ORG);
        String devices = devicesPath(ORG, subscription);
        String[] ids = {UUID.randomUUID().toString(), UUID.randomUUID().toString()};
        String[] macs = {Fixtures.mac(), Fixtures.mac()};

        Api.Response routed = api.post(devices, fullToken(), withId(ids[0], macs[0]));
        Api.Response annotated = api.post(devices, fullToken(), withId(ids[1], macs[1]), TO_THE_CONTROLLER);

        assertThat(routed.status()).as(routed.toString()).isEqualTo(201);
        assertThat(annotated.status()).as(annotated.toString()).isEqualTo(201);
        assertThat(routed.header("Location")).isEqualTo(devices + "/" + ids[0]);
        assertThat(annotated.header("Location")).isEqualTo(devices + "/" + ids[1]);
        assertThat(routed.header("ETag")).isEqualTo("\"1\"").isEqualTo(annotated.header("ETag"));
        assertThat(annotated.header("Content-Type")).isEqualTo(routed.header("Content-Type"));
        long routedLegacyId = routed.json().get("legacy_id").asLong();
        long annotatedLegacyId = annotated.json().get("legacy_id").asLong();
        assertThat(annotated.body())
                .isEqualTo(routed.body()
                        .replace(ids[0], ids[1])
                        .replace(commitmentId(routed), commitmentId(annotated))
                        .replace(macs[0], macs[1])
                        .replace("\"legacy_id\":" + routedLegacyId + ",", "\"legacy_id\":" + annotatedLegacyId + ","));
        assertThat(api.get(devices + "/" + ids[0], fullToken()).body()).isEqualTo(routed.body());
    }

    private static String commitmentId(Api.Response added) {
        return added.json().get("commitments").get(0).get("id").asString();
    }

    private static String withId(String id, String mac) {
        return Fixtures.terminal(mac, "S").replaceFirst("\\{", "{\"id\": \"" + id + "\", ");
    }

    /** A POST both routes answer alike, with a 4xx. */
    private void refusedPost(String what, String path, String token, String body) {
        assertThat(compare("POST", what, path, token, body, Map.of()).status())
                .as(what)
                .isBetween(400, 499);
    }

    private void compare(String what, String path, String token, String body, Map<String, String> headers) {
        compare("PATCH", what, path, token, body, headers);
    }

    /** Sends the request by both routes and compares the answers; returns the routed one. */
    private Api.Response compare(
            String method, String what, String path, String token, String body, Map<String, String> headers) {
        Map<String, String> annotatedHeaders = new LinkedHashMap<>(headers);
        annotatedHeaders.putAll(TO_THE_CONTROLLER);
        Api.Response routed = send(method, path, token, body, headers);
        Api.Response annotated = send(method, path, token, body, annotatedHeaders);
        assertThat(routed.status()).as(what + ": " + routed).isEqualTo(annotated.status());
        assertThat(routed.body()).as(what).isEqualTo(annotated.body());
        for (String header : COMPARED_HEADERS) {
            assertThat(routed.headers().allValues(header))
                    .as(header + " of " + what)
                    .isEqualTo(annotated.headers().allValues(header));
        }
        return routed;
    }

    private Api.Response send(String method, String path, String token, String body, Map<String, String> headers) {
        return method.equals("POST") ? api.post(path, token, body, headers) : api.patch(path, token, body, headers);
    }

    /** The functional route's handler for the request, or null when the request goes on to the controllers. */
    private Object handler(MockHttpServletRequest request) throws Exception {
        HandlerExecutionChain chain = routes.getHandler(request);
        return chain == null ? null : chain.getHandler();
    }

    private static MockHttpServletRequest patch(String path, String contentType, String body) {
        return request("PATCH", path, contentType, body);
    }

    private static MockHttpServletRequest request(String method, String path, String contentType, String body) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setContentType(contentType);
        request.addHeader("Content-Type", contentType);
        request.setContent(body.getBytes(StandardCharsets.UTF_8));
        return request;
    }
}
