package com.subscriptiondevices.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.subscriptiondevices.platform.security.Scopes;
import com.subscriptiondevices.platform.testing.EdgeAnswers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the web container and the URL check refuse, through the real Tomcat: JSON in the family's
 * body with a catalogue code, never an HTML page, never a 5xx. Over a raw socket, since HTTP clients
 * refuse to send most of these requests.
 */
class WebEdgeIT extends PostgresIT {

    private RawHttp raw;

    @BeforeEach
    void rawSocket() {
        raw = new RawHttp(port);
    }

    private RawHttp.Answer get(String target) throws IOException {
        return raw.send("GET", target, Map.of("Authorization", "Bearer " + token(Scopes.READ, Scopes.ADMIN)), null);
    }

    private static void assertV2(RawHttp.Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        assertThat(answer.body()).startsWith("{\"error\":{\"code\":\"" + code + "\"");
        assertThat(EdgeAnswers.INTERNALS.matcher(answer.body()).find())
                .as(answer.body())
                .isFalse();
    }

    private static void assertV1(RawHttp.Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        assertThat(answer.body()).startsWith("{\"errors\":[{\"code\":\"" + code + "\"");
        assertThat(EdgeAnswers.INTERNALS.matcher(answer.body()).find())
                .as(answer.body())
                .isFalse();
    }

    @Test
    void an_encoded_nul_slash_or_backslash_in_the_path_is_400_in_the_family_body() throws IOException {
        for (String bad : new String[] {"%00", "%2f", "%5c", "%ED%A0%80"}) {
            assertV2(get("/v2/orgs/yo" + bad + "igo/devices?serial_number=x"), 400, "INVALID_BODY");
            assertV1(get("/v1/orgs/yo" + bad + "igo/subscriptions/1/devices"), 400, "INVALID_BODY");
        }
    }

    @Test
    void a_malformed_request_line_or_header_is_400_in_json() throws IOException {
        assertV2(
                raw.exchange("GET /v2/orgs/yo\u0001igo/devices HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1)),
                400,
                "INVALID_BODY");
        assertV2(
                raw.exchange("GET /v2/orgs/yoigo/devices HTTP/9.9\r\nHost: x\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1)),
                400,
                "INVALID_BODY");
        assertV2(
                raw.exchange("\u0016\u0003\u0001\u0000\u00a5\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)),
                400,
                "INVALID_BODY");
        assertV2(
                raw.send("GET", "/v2/orgs/yoigo/devices?serial_number=x", Map.of("X-Big", "v".repeat(20_000)), null),
                400,
                "INVALID_BODY");
        assertV2(
                raw.send(
                        "GET",
                        "/v2/orgs/yoigo/devices?serial_number=x",
                        Map.of("Authorization", "Bearer " + "a".repeat(100_000)),
                        null),
                400,
                "INVALID_BODY");
        assertV2(
                raw.send("POST", "/v2/orgs/yoigo/subscriptions", Map.of("Transfer-Encoding", "gzip"), null),
                400,
                "INVALID_BODY");
    }

    @Test
    void a_query_that_is_not_percent_encoded_utf8_or_holds_a_nul_is_400_invalid_parameter() throws IOException {
        assertV2(get("/v2/orgs/yoigo/devices?serial_number=%"), 400, "INVALID_PARAMETER");
        assertV2(get("/v2/orgs/yoigo/devices?serial_number=a%00b"), 400, "INVALID_PARAMETER");
        assertV2(get("/v2/orgs/yoigo/devices?serial_number=%C0%80"), 400, "INVALID_PARAMETER");
        assertV2(get("/admin/dead-letters?processing_group=%"), 400, "INVALID_PARAMETER");
        assertV2(
                get("/v2/orgs/yoigo/subscriptions/" + java.util.UUID.randomUUID() + "/history?limit=%zz"),
                400,
                "INVALID_PARAMETER");
        assertV1(get("/v1/orgs/yoigo/subscriptions/1/devices?category=%"), 400, "INVALID_PARAMETER");
    }

    @Test
    void a_blank_path_id_or_an_org_longer_than_its_column_is_400() throws IOException {
        assertV2(get("/v2/orgs/yoigo/subscriptions/%20/devices"), 400, "INVALID_PARAMETER");
        assertV2(
                raw.send(
                        "POST",
                        "/admin/dead-letters/%20/retry",
                        Map.of("Authorization", "Bearer " + token(Scopes.ADMIN)),
                        new byte[0]),
                400,
                "INVALID_PARAMETER");
        assertV2(get("/v2/orgs/" + "o".repeat(101) + "/devices?serial_number=x"), 400, "INVALID_PARAMETER");
    }

    @Test
    void the_sim_swap_family_gets_its_error_info_with_an_x_correlator_from_the_container_too() throws IOException {
        RawHttp.Answer encoded = raw.send(
                "POST",
                "/sim-swap/v2/ch%00eck",
                Map.of("Content-Type", "application/json", "x-correlator", "bank-9"),
                "{}".getBytes(StandardCharsets.UTF_8));
        assertCamara(encoded, 400, "INVALID_ARGUMENT");
        assertThat(encoded.header("x-correlator")).isEqualTo("bank-9");
        RawHttp.Answer malformedLine = raw.exchange(
                "POST /sim-swap/v2/check HTTP/9.9\r\nHost: x\r\nx-correlator: bank-10\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
        assertCamara(malformedLine, 400, "INVALID_ARGUMENT");
        RawHttp.Answer tooLarge = raw.send(
                "POST",
                "/sim-swap/v2/check",
                Map.of("Content-Type", "application/json", "Authorization", "Bearer " + token(Scopes.SIM_SWAP)),
                ("{\"phoneNumber\":\"" + "1".repeat(20_000) + "\"}").getBytes(StandardCharsets.UTF_8));
        assertCamara(tooLarge, 413, "CONTENT_TOO_LARGE");
        RawHttp.Answer unknown = raw.send(
                "GET", "/sim-swap/v2/nothing", Map.of("Authorization", "Bearer " + token(Scopes.SIM_SWAP)), null);
        assertCamara(unknown, 404, "NOT_FOUND");
    }

    private static void assertCamara(RawHttp.Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        assertThat(answer.body()).startsWith("{\"status\":" + status + ",\"code\":\"" + code + "\",\"message\":\"");
        assertThat(answer.header("x-correlator")).as(answer.toString()).isNotBlank();
        assertThat(EdgeAnswers.INTERNALS.matcher(answer.body()).find())
                .as(answer.body())
                .isFalse();
    }

    @Test
    void an_html_only_client_still_gets_json() throws IOException {
        RawHttp.Answer answer = raw.send(
                "GET",
                "/v2/orgs/yoigo/devices",
                Map.of("Authorization", "Bearer " + token(Scopes.READ), "Accept", "text/html"),
                null);
        assertThat(answer.status()).isIn(400, 406);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        assertThat(answer.body()).startsWith("{\"error\":{\"code\":");
    }
}
