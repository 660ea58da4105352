package com.subscriptiondevices.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DevJwtTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void signs_the_hs256_example_of_rfc_7515_exactly() {
        byte[] header = "{\"typ\":\"JWT\",\r\n \"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8);
        byte[] claims = "{\"iss\":\"joe\",\r\n \"exp\":1300819380,\r\n \"http://example.com/is_root\":true}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] key = Base64.getUrlDecoder()
                .decode("AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow");

        assertThat(DevJwt.sign(header, claims, key))
                .isEqualTo("eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9"
                        + ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
                        + ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
    }

    @Test
    void a_dev_token_carries_the_claims_the_service_reads_and_verifies_with_the_secret() throws Exception {
        Instant now = Instant.parse("2026-11-23T08:00:00Z");
        String token = DevJwt.mint(
                Options.SECRET, List.of("yoigo"), List.of("devices:read", "devices:write"), now, Duration.ofHours(1));

        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
        assertThat(header.get("alg").asString()).isEqualTo("HS256");
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(claims.get("orgs").isArray()).isTrue();
        assertThat(claims.get("orgs").get(0).asString()).isEqualTo("yoigo");
        assertThat(claims.get("scope").asString()).isEqualTo("devices:read devices:write");
        assertThat(claims.get("sub").asString()).isEqualTo("benchmark");
        assertThat(claims.get("preferred_username").asString()).isEqualTo("benchmark@example.com");
        assertThat(claims.get("iat").asLong()).isEqualTo(now.getEpochSecond());
        assertThat(claims.get("exp").asLong()).isEqualTo(now.getEpochSecond() + 3600);

        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Options.SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] expected = mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(Base64.getUrlDecoder().decode(parts[2])).isEqualTo(expected);
        assertThat(token).doesNotContain("=");
    }
}
