package com.subscriptiondevices.benchmark;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.json.JsonMapper;

/**
 * Dev tokens as the service accepts them (HS256 with {@code devices.security.dev-jwt-secret}), made
 * here with a few lines of HMAC-SHA256 and Base64URL so the harness needs nothing of the service.
 */
final class DevJwt {

    static final List<String> ALL_SCOPES =
            List.of("devices:read", "devices:write", "devices:secrets", "devices:audit", "devices:admin");

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private DevJwt() {}

    static String mint(String secret, List<String> orgs, List<String> scopes, Instant now, Duration ttl) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "HS256");
        header.put("typ", "JWT");
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", "subscription-devices-benchmark");
        claims.put("sub", "benchmark");
        claims.put("preferred_username", "benchmark@example.com");
        claims.put("orgs", orgs);
        claims.put("scope", String.join(" ", scopes));
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(ttl).getEpochSecond());
        return sign(
                JSON.writeValueAsBytes(header),
                JSON.writeValueAsBytes(claims),
                secret.getBytes(StandardCharsets.UTF_8));
    }

    /** A JWS in compact form: BASE64URL(header) . BASE64URL(claims) . BASE64URL(HMAC-SHA256 of the two). */
    static String sign(byte[] header, byte[] claims, byte[] key) {
        String signingInput = BASE64URL.encodeToString(header) + "." + BASE64URL.encodeToString(claims);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] signature = mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + BASE64URL.encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
