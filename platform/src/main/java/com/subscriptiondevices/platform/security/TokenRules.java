package com.subscriptiondevices.platform.security;

import com.subscriptiondevices.platform.validation.StorableText;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;

/**
 * What every accepted token must be, in every mode, beyond a valid signature: it expires ({@code exp};
 * Spring's own check refuses an expired token but accepts one without the claim, valid forever), it
 * was not issued in the future ({@code iat}, allowing a minute of clock skew between the issuer and
 * us), and the names the service records as the author of a change can be stored.
 */
final class TokenRules implements OAuth2TokenValidator<Jwt> {

    /**
     * Spring's claim mapping, except that a token without {@code iat} keeps none: Spring makes one up
     * (a second before {@code exp}), which would look like a token issued in the future.
     */
    static final Converter<Map<String, Object>, Map<String, Object>> CLAIMS = new Converter<>() {

        private final MappedJwtClaimSetConverter standard = MappedJwtClaimSetConverter.withDefaults(Map.of());

        @Override
        public Map<String, Object> convert(Map<String, Object> claims) {
            Map<String, Object> mapped = standard.convert(claims);
            if (!claims.containsKey(JwtClaimNames.IAT)) {
                mapped.remove(JwtClaimNames.IAT);
            }
            return mapped;
        }
    };

    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private final Clock clock;

    TokenRules(Clock clock) {
        this.clock = clock;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        List<OAuth2Error> errors = new ArrayList<>();
        if (token.getExpiresAt() == null) {
            errors.add(invalid("The token has no expiry (exp); only tokens that expire are accepted."));
        }
        Instant issuedAt = token.getIssuedAt();
        if (issuedAt != null && issuedAt.isAfter(Instant.now(clock).plus(CLOCK_SKEW))) {
            errors.add(invalid("The token is issued in the future (iat)."));
        }
        for (String claim : List.of("preferred_username", JwtClaimNames.SUB)) {
            Object value = token.getClaims().get(claim);
            if (value instanceof String text && !StorableText.storable(text)) {
                errors.add(invalid("The token's " + claim + " "
                        + StorableText.problem(text).orElseThrow() + "."));
            }
        }
        return errors.isEmpty() ? OAuth2TokenValidatorResult.success() : OAuth2TokenValidatorResult.failure(errors);
    }

    private static OAuth2Error invalid(String description) {
        return new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null);
    }
}
