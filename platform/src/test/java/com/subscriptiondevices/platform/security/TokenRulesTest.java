package com.subscriptiondevices.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.Jwt;

class TokenRulesTest {

    private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");

    private final TokenRules rules = new TokenRules(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void accepts_a_token_that_expires_and_was_issued_before_now() {
        assertThat(rules.validate(token(Map.of("iat", NOW.minusSeconds(5), "exp", NOW.plusSeconds(600))))
                        .hasErrors())
                .isFalse();
        assertThat(rules.validate(token(Map.of("exp", NOW.plusSeconds(600)))).hasErrors())
                .as("iat is optional")
                .isFalse();
    }

    @Test
    void refuses_a_token_without_an_expiry() {
        assertThat(descriptions(token(Map.of("iat", NOW))))
                .singleElement()
                .asString()
                .contains("exp");
    }

    @Test
    void refuses_a_token_issued_in_the_future_beyond_a_minute_of_clock_skew() {
        Instant exp = NOW.plus(Duration.ofHours(1));
        assertThat(rules.validate(token(Map.of("iat", NOW.plusSeconds(59), "exp", exp)))
                        .hasErrors())
                .isFalse();
        assertThat(descriptions(token(Map.of("iat", NOW.plusSeconds(61), "exp", exp))))
                .singleElement()
                .asString()
                .contains("iat");
    }

    @Test
    void refuses_a_user_name_no_read_model_could_store() {
        Instant exp = NOW.plusSeconds(600);
        assertThat(descriptions(token(Map.of("exp", exp, "preferred_username", "agent\u0000"))))
                .singleElement()
                .asString()
                .contains("preferred_username");
        assertThat(descriptions(token(Map.of("exp", exp, "sub", "\ud800"))))
                .singleElement()
                .asString()
                .contains("sub");
    }

    @Test
    void a_token_without_iat_keeps_none_instead_of_one_made_up_before_its_expiry() {
        long exp = NOW.plusSeconds(600).getEpochSecond();
        assertThat(TokenRules.CLAIMS.convert(Map.of("exp", exp))).containsOnlyKeys("exp");
        assertThat(TokenRules.CLAIMS.convert(Map.of("exp", exp, "iat", exp - 60)))
                .containsEntry("iat", Instant.ofEpochSecond(exp - 60));
    }

    private List<String> descriptions(Jwt token) {
        return rules.validate(token).getErrors().stream()
                .map(OAuth2Error::getDescription)
                .toList();
    }

    private static Jwt token(Map<String, Object> claims) {
        return Jwt.withTokenValue("t")
                .header("alg", "HS256")
                .claims(c -> c.putAll(claims))
                .build();
    }
}
