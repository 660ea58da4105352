package com.subscriptiondevices.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Profile;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The zero-setup token mode: HS256 tokens signed with a local secret. Without a configured secret a
 * random one is made for this run (its tokens die with the process). Never present under {@code prod}.
 */
@Component
@Profile("!prod")
public class DevTokens {

    private static final Logger log = LoggerFactory.getLogger(DevTokens.class);

    private final SecretKey key;

    @Autowired
    DevTokens(TokenProperties properties) {
        this(properties.devJwtSecret());
    }

    /** Tokens signed with {@code secret} (at least 32 bytes), or with a random one when it is empty. */
    public DevTokens(String secret) {
        String effective = secret;
        if (!StringUtils.hasText(effective)) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            effective = Base64.getEncoder().encodeToString(random);
            log.info("No devices.security.dev-jwt-secret set: signing dev tokens with a random secret for this run");
        }
        byte[] bytes = effective.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < 32) {
            throw new IllegalStateException(
                    "devices.security.dev-jwt-secret must be at least 32 bytes (HS256 needs a 256-bit key)");
        }
        this.key = new SecretKeySpec(bytes, "HmacSHA256");
    }

    NimbusJwtDecoder decoder() {
        return NimbusJwtDecoder.withSecretKey(key)
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
    }

    /** A signed token for these orgs and scopes; {@code preferredUsername} may be null (a system caller). */
    public String mint(String subject, String preferredUsername, List<String> orgs, List<String> scopes, Duration ttl) {
        return mint(subject, preferredUsername, orgs, scopes, ttl, Map.of());
    }

    /** The same, with more claims: {@code phone_number} for a token issued to a line's user, say. */
    public String mint(
            String subject,
            String preferredUsername,
            List<String> orgs,
            List<String> scopes,
            Duration ttl,
            Map<String, Object> moreClaims) {
        Instant now = Instant.now();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .issuer("subscription-devices-dev")
                .subject(subject)
                .issuedAt(now)
                .expiresAt(now.plus(ttl))
                .claim("orgs", orgs)
                .claim("scope", String.join(" ", scopes));
        if (preferredUsername != null) {
            claims.claim("preferred_username", preferredUsername);
        }
        moreClaims.forEach(claims::claim);
        NimbusJwtEncoder encoder = NimbusJwtEncoder.withSecretKey(key).build();
        return encoder.encode(JwtEncoderParameters.from(
                        JwsHeader.with(MacAlgorithm.HS256).build(), claims.build()))
                .getTokenValue();
    }
}
