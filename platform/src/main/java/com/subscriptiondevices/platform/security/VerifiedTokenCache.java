package com.subscriptiondevices.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

/**
 * Remembers tokens the real decoder verified, for a few minutes and never past their expiry. A front
 * end sends the same token with every call, and checking its signature and claims again each time
 * was about a tenth of a read's CPU (JFR). The cache is keyed by the whole token, signature included:
 * only the exact string that passed is let through. On a hit the timestamps are checked again, so an
 * expired token is refused by the real decoder as it would be without the cache.
 */
final class VerifiedTokenCache implements JwtDecoder {

    private final JwtDecoder decoder;
    private final OAuth2TokenValidator<Jwt> timestamps;
    private final Cache<String, Jwt> verified;

    VerifiedTokenCache(JwtDecoder decoder, long maximumTokens, Duration keepFor, Clock clock) {
        this.decoder = decoder;
        JwtTimestampValidator validator = new JwtTimestampValidator();
        validator.setClock(clock);
        this.timestamps = validator;
        this.verified = Caffeine.newBuilder()
                .maximumSize(maximumTokens)
                .expireAfterWrite(keepFor)
                .ticker(() -> clock.millis() * 1_000_000L)
                .executor(Runnable::run)
                .build();
    }

    @Override
    public Jwt decode(String token) {
        Jwt known = verified.getIfPresent(token);
        if (known != null) {
            if (!timestamps.validate(known).hasErrors()) {
                return known;
            }
            verified.invalidate(token);
        }
        Jwt jwt = decoder.decode(token);
        verified.put(token, jwt);
        return jwt;
    }
}
