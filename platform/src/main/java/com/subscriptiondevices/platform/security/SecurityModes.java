package com.subscriptiondevices.platform.security;

import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Which tokens the service accepts. An issuer ({@code issuer-uri}) or JWK set ({@code jwk-set-uri})
 * wins when configured; otherwise the dev HS256 secret. The {@code prod} profile refuses to start
 * without an issuer or JWK set, and refuses a dev secret outright.
 */
@Component
@EnableConfigurationProperties(TokenProperties.class)
public class SecurityModes {

    static final String ISSUER_URI = "spring.security.oauth2.resourceserver.jwt.issuer-uri";
    static final String JWK_SET_URI = "spring.security.oauth2.resourceserver.jwt.jwk-set-uri";
    static final String DEV_SECRET = "devices.security.dev-jwt-secret";

    private final String issuerUri;
    private final String jwkSetUri;
    private final ObjectProvider<DevTokens> devTokens;

    SecurityModes(Environment environment, TokenProperties tokens, ObjectProvider<DevTokens> devTokens) {
        this.issuerUri = environment.getProperty(ISSUER_URI);
        this.jwkSetUri = environment.getProperty(JWK_SET_URI);
        this.devTokens = devTokens;
        if (environment.acceptsProfiles(Profiles.of("prod"))) {
            if (StringUtils.hasText(tokens.devJwtSecret())) {
                throw new IllegalStateException("The prod profile never accepts dev tokens: unset " + DEV_SECRET
                        + " (DEVICES_SECURITY_DEV_JWT_SECRET)");
            }
            if (!StringUtils.hasText(issuerUri) && !StringUtils.hasText(jwkSetUri)) {
                throw new IllegalStateException(
                        "The prod profile needs a token issuer: set " + ISSUER_URI + " or " + JWK_SET_URI);
            }
        }
    }

    public boolean devTokensAccepted() {
        return !StringUtils.hasText(issuerUri) && !StringUtils.hasText(jwkSetUri);
    }

    /**
     * The decoder of this mode, with the token rules every mode shares ({@link TokenRules}) after the
     * standard checks (signature, {@code exp}, {@code nbf}, and the issuer when one is configured).
     */
    JwtDecoder decoder() {
        NimbusJwtDecoder decoder;
        if (StringUtils.hasText(jwkSetUri)) {
            decoder = NimbusJwtDecoder.withJwkSetUri(jwkSetUri).build();
        } else if (StringUtils.hasText(issuerUri)) {
            decoder = NimbusJwtDecoder.withIssuerLocation(issuerUri).build();
        } else {
            decoder = devTokens.getObject().decoder();
        }
        OAuth2TokenValidator<Jwt> standard = StringUtils.hasText(issuerUri)
                ? JwtValidators.createDefaultWithIssuer(issuerUri)
                : JwtValidators.createDefault();
        decoder.setClaimSetConverter(TokenRules.CLAIMS);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(standard, new TokenRules(Clock.systemUTC())));
        return decoder;
    }
}
