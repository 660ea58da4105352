package com.subscriptiondevices.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

class VerifiedTokenCacheTest {

    private static final String SECRET = "a-test-secret-of-at-least-thirty-two-bytes";

    private final DevTokens tokens = new DevTokens(SECRET);
    private final AtomicInteger decoded = new AtomicInteger();
    private final JwtDecoder counting = token -> {
        decoded.incrementAndGet();
        return tokens.decoder().decode(token);
    };

    @Test
    void verifiesATokenOnceAndThenAnswersFromMemory() {
        JwtDecoder decoder = new VerifiedTokenCache(counting, 100, Duration.ofMinutes(5), Clock.systemUTC());
        String token = tokens.mint("user", "user@example.com", List.of("yoigo"), Scopes.ALL, Duration.ofHours(1));

        Jwt first = decoder.decode(token);
        Jwt second = decoder.decode(token);

        assertThat(second).isSameAs(first);
        assertThat(second.getClaimAsStringList("orgs")).containsExactly("yoigo");
        assertThat(decoded).hasValue(1);
    }

    @Test
    void aTamperedTokenIsVerifiedAndRefusedEvenWhenTheOriginalIsKnown() {
        JwtDecoder decoder = new VerifiedTokenCache(counting, 100, Duration.ofMinutes(5), Clock.systemUTC());
        String token = tokens.mint("user", null, List.of("yoigo"), Scopes.ALL, Duration.ofHours(1));
        decoder.decode(token);
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");

        assertThatThrownBy(() -> decoder.decode(tampered)).isInstanceOf(BadJwtException.class);
        assertThat(decoded).hasValue(2);
    }

    @Test
    void aRememberedTokenIsRefusedOnceItHasExpired() {
        MovableClock clock = new MovableClock(Instant.now());
        NimbusJwtDecoder onTheSameClock = NimbusJwtDecoder.withSecretKey(
                        new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        JwtTimestampValidator timestamps = new JwtTimestampValidator();
        timestamps.setClock(clock);
        onTheSameClock.setJwtValidator(timestamps);
        JwtDecoder decoder = new VerifiedTokenCache(
                token -> {
                    decoded.incrementAndGet();
                    return onTheSameClock.decode(token);
                },
                100,
                Duration.ofHours(2),
                clock);
        String token = tokens.mint("user", null, List.of("yoigo"), Scopes.ALL, Duration.ofMinutes(10));
        decoder.decode(token);

        clock.now = clock.now.plus(Duration.ofMinutes(15));

        // the cached entry fails its timestamp check; the real decoder refuses the expired token
        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(BadJwtException.class);
        assertThat(decoded).hasValue(2);
    }

    @Test
    void forgetsTokensAfterTheKeepingTime() {
        MovableClock clock = new MovableClock(Instant.now());
        JwtDecoder decoder = new VerifiedTokenCache(counting, 100, Duration.ofMinutes(5), clock);
        String token = tokens.mint("user", null, List.of("yoigo"), Scopes.ALL, Duration.ofHours(1));
        decoder.decode(token);

        clock.now = clock.now.plus(Duration.ofMinutes(6));
        decoder.decode(token);

        assertThat(decoded).hasValue(2);
    }

    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
