package com.subscriptiondevices.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.subscriptiondevices.platform.security.DevTokens;
import com.subscriptiondevices.platform.security.Scopes;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/** Authentication and authorization answer in the V2 error body, before anything else happens. */
class SecurityIT extends PostgresIT {

    @Test
    void no_token_or_a_bad_token_is_401_with_the_error_body() {
        Api.Response none = api.get("/v2/orgs/yoigo/devices?serial_number=x", null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.errorCode()).isEqualTo("UNAUTHORIZED");
        assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");

        assertThat(api.get("/v2/orgs/yoigo/devices?serial_number=x", "not-a-jwt")
                        .status())
                .isEqualTo(401);

        String foreign = new DevTokens("another-secret-that-is-long-enough-0123456789")
                .mint("u", null, List.of(ORG), List.of(Scopes.READ), Duration.ofMinutes(5));
        assertThat(api.get("/v2/orgs/yoigo/devices?serial_number=x", foreign).status())
                .isEqualTo(401);

        String expired = expiredToken();
        Api.Response late = api.get("/v2/orgs/yoigo/devices?serial_number=x", expired);
        assertThat(late.status()).isEqualTo(401);
        assertThat(late.errorCode()).isEqualTo("UNAUTHORIZED");
    }

    /**
     * The firewall's header check (our regex-free {@code HeaderValues}) still refuses a control character in
     * a header the service reads, and still lets a tab through to token validation. Sent over a raw socket:
     * HTTP clients refuse to send such headers at all.
     */
    @Test
    void a_control_character_in_the_authorization_header_is_400_and_a_tab_is_left_to_the_token_check()
            throws IOException {
        String refused = rawGet("/v2/orgs/yoigo/devices?serial_number=x", "Bearer ab\u0085cd");
        assertThat(refused).startsWith("HTTP/1.1 400 ");
        assertThat(refused).contains("\"code\":\"INVALID_BODY\"").doesNotContain("Exception");

        String tab = rawGet("/v2/orgs/yoigo/devices?serial_number=x", "Bearer ab\tcd");
        assertThat(tab).startsWith("HTTP/1.1 401 ").contains("\"code\":\"UNAUTHORIZED\"");
    }

    private String rawGet(String path, String authorization) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            String request = "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + authorization
                    + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    /** Signed with the right secret, but expired a minute ago. */
    private static String expiredToken() {
        return signed(JwtClaimsSet.builder()
                .subject("u")
                .issuedAt(Instant.now().minus(Duration.ofMinutes(10)))
                .expiresAt(Instant.now().minus(Duration.ofMinutes(1)))
                .claim("orgs", List.of(ORG))
                .claim("scope", Scopes.READ)
                .build());
    }

    /** Signed with the right secret: every token the dev-token mode accepts has these claims. */
    private static String signed(JwtClaimsSet claims) {
        SecretKeySpec key = new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        return NimbusJwtEncoder.withSecretKey(key)
                .build()
                .encode(JwtEncoderParameters.from(
                        JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
    }

    private static JwtClaimsSet.Builder reader() {
        return JwtClaimsSet.builder().subject("u").claim("orgs", List.of(ORG)).claim("scope", Scopes.READ);
    }

    @Test
    void refuses_a_token_without_an_expiry() {
        String forever = signed(reader().issuedAt(Instant.now()).build());

        Api.Response refused = api.get("/v2/orgs/yoigo/devices?serial_number=x", forever);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.errorCode()).isEqualTo("UNAUTHORIZED");
        assertThat(refused.json().get("error").get("message").asString()).contains("exp");
        assertThat(api.get("/v2/orgs/yoigo/devices?serial_number=x", signed(reader().build()))
                        .status())
                .as("without iat either")
                .isEqualTo(401);
    }

    @Test
    void refuses_a_token_issued_in_the_future_beyond_a_minute_of_clock_skew() {
        Instant now = Instant.now();
        String future = signed(reader().issuedAt(now.plus(Duration.ofMinutes(10)))
                .expiresAt(now.plus(Duration.ofMinutes(20)))
                .build());
        Api.Response refused = api.get("/v2/orgs/yoigo/devices?serial_number=x", future);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.errorCode()).isEqualTo("UNAUTHORIZED");

        String skewed = signed(reader().issuedAt(now.plusSeconds(30))
                .expiresAt(now.plus(Duration.ofMinutes(20)))
                .build());
        assertThat(api.get("/v2/orgs/yoigo/devices?serial_number=x", skewed).status())
                .isEqualTo(200);
        String withoutIat =
                signed(reader().expiresAt(now.plus(Duration.ofMinutes(20))).build());
        assertThat(api.get("/v2/orgs/yoigo/devices?serial_number=x", withoutIat).status())
                .as("iat is optional")
                .isEqualTo(200);
    }

    @Test
    void a_write_without_the_write_scope_is_403_missing_permissions() {
        Api.Response refused =
                api.post("/v2/orgs/yoigo/subscriptions", token(Scopes.READ), "{\"legacy_account_id\":1}");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.errorCode()).isEqualTo("MISSING_PERMISSIONS");
        assertThat(refused.json().get("error").get("message").asString()).contains("devices:write");
    }

    @Test
    void a_read_without_the_read_scope_is_403_missing_permissions() {
        Api.Response refused = api.get("/v2/orgs/yoigo/devices?serial_number=x", token(Scopes.WRITE));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.errorCode()).isEqualTo("MISSING_PERMISSIONS");
    }

    @Test
    void an_org_outside_the_token_is_403_forbidden_organization() {
        String onlyYoigo =
                tokens.mint("u", null, List.of(ORG), List.of(Scopes.READ, Scopes.WRITE), Duration.ofMinutes(5));

        Api.Response read = api.get("/v2/orgs/masmovil/devices?serial_number=x", onlyYoigo);
        assertThat(read.status()).isEqualTo(403);
        assertThat(read.errorCode()).isEqualTo("FORBIDDEN_ORGANIZATION");
        Api.Response write = api.post("/v2/orgs/masmovil/subscriptions", onlyYoigo, "{\"legacy_account_id\":1}");
        assertThat(write.status()).isEqualTo(403);
        assertThat(write.errorCode()).isEqualTo("FORBIDDEN_ORGANIZATION");
    }

    @Test
    void health_is_open_and_metrics_need_the_admin_scope() {
        Api.Response health = api.get("/actuator/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asString()).isEqualTo("UP");
        assertThat(health.json().get("components").has("eventProcessors")).isTrue();
        assertThat(api.get("/actuator/health/readiness", null).status()).isEqualTo(200);

        assertThat(api.get("/actuator/prometheus", null).status()).isEqualTo(401);
        assertThat(api.get("/actuator/prometheus", token(Scopes.READ)).status()).isEqualTo(403);
        Api.Response metrics = api.get("/actuator/prometheus", token(Scopes.ADMIN));
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("http_server_requests");
        assertThat(api.get("/actuator/env", token(Scopes.ADMIN)).status()).isEqualTo(404);
    }

    @Test
    void the_openapi_document_describes_every_v2_endpoint() {
        Api.Response document = api.get("/v3/api-docs", null);
        assertThat(document.status()).isEqualTo(200);
        var paths = document.json().get("paths");
        assertThat(paths.has("/v2/orgs/{org}/devices")).isTrue();
        assertThat(paths.has("/v2/orgs/{org}/subscriptions")).isTrue();
        assertThat(paths.has("/v2/orgs/{org}/subscriptions/{subscriptionId}")).isTrue();
        assertThat(paths.get("/v2/orgs/{org}/subscriptions/{subscriptionId}/devices")
                        .has("get"))
                .isTrue();
        assertThat(paths.get("/v2/orgs/{org}/subscriptions/{subscriptionId}/devices")
                        .has("post"))
                .isTrue();
        var patch = paths.get("/v2/orgs/{org}/subscriptions/{subscriptionId}/devices/{deviceId}")
                .get("patch");
        assertThat(patch.get("responses").has("412")).isTrue();
        assertThat(patch.get("responses").get("412").toString()).contains("#/components/schemas/ErrorResponse");
        assertThat(paths.get("/v2/orgs/{org}/subscriptions")
                        .get("post")
                        .get("responses")
                        .has("201"))
                .isTrue();
        var device = document.json()
                .get("components")
                .get("schemas")
                .get("DeviceView")
                .get("properties");
        assertThat(device.has("legacy_account_id")).isTrue();
        assertThat(device.has("device_additional_details")).isTrue();
        assertThat(device.has("legacyAccountId")).isFalse();
    }

    @Test
    void an_unknown_path_is_404_in_the_error_body() {
        Api.Response unknown = api.get("/v2/nothing-here", token(Scopes.READ));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errorCode()).isEqualTo("NOT_FOUND");
    }

    @Test
    void the_benchmark_constant_document_does_not_exist_by_default() {
        assertThat(api.get("/bench/constant", null).status()).isEqualTo(401);
        Api.Response withToken = api.get("/bench/constant", token(Scopes.READ));
        assertThat(withToken.status()).isEqualTo(404);
        assertThat(withToken.errorCode()).isEqualTo("NOT_FOUND");
    }
}
