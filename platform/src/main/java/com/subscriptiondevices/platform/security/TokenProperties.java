package com.subscriptiondevices.platform.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which tokens the service mints and how long it remembers verified ones ({@code devices.security.*}).
 * The issuer of production tokens is Spring's own setting
 * ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri} / {@code jwk-set-uri}).
 *
 * @param devJwtSecret HS256 secret of dev tokens (env {@code DEVICES_SECURITY_DEV_JWT_SECRET}); empty:
 *     a random one per run
 * @param devToken the token printed at start-up in dev-token mode
 * @param verifiedTokens tokens remembered once verified, never past their expiry
 */
@ConfigurationProperties("devices.security")
public record TokenProperties(
        @DefaultValue("") String devJwtSecret,
        @DefaultValue DevToken devToken,
        @DefaultValue VerifiedTokens verifiedTokens) {

    /**
     * @param orgs the orgs the printed token lists
     * @param ttl how long the printed token is valid
     */
    public record DevToken(@DefaultValue("yoigo") List<String> orgs, @DefaultValue("12h") Duration ttl) {}

    /**
     * @param maxEntries how many verified tokens are remembered (least used go first)
     * @param keepFor how long one is remembered (never past its expiry)
     */
    public record VerifiedTokens(@DefaultValue("2000") long maxEntries, @DefaultValue("5m") Duration keepFor) {}
}
