package com.subscriptiondevices.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.subscriptiondevices.platform.security.Scopes;
import com.subscriptiondevices.platform.testing.TestDatabases;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issuer mode (a JWK set, as production runs): the token rules hold there as in dev-token mode. The
 * issuer is a JWK set served on the loopback by this test, signed with a key made for the run.
 */
class IssuerTokensIT extends ServiceIT {

    private static final RSAKey KEY = rsaKey();
    private static final HttpServer ISSUER = issuer();

    @DynamicPropertySource
    static void issuerMode(DynamicPropertyRegistry properties) {
        properties.add("spring.datasource.url", () -> TestDatabases.dedicated("issuer"));
        properties.add(
                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                () -> "http://127.0.0.1:" + ISSUER.getAddress().getPort() + "/jwks");
    }

    @AfterAll
    static void stopIssuer() {
        ISSUER.stop(0);
    }

    @Test
    void accepts_a_token_of_the_issuer_that_expires() {
        Instant now = Instant.now();
        String token = issued(reader().issuedAt(now).expiresAt(now.plus(Duration.ofMinutes(5))));

        assertThat(api.get("/v2/orgs/yoigo/devices?serial_number=x", token).status())
                .isEqualTo(200);
    }

    @Test
    void refuses_a_token_of_the_issuer_without_an_expiry() {
        Api.Response refused =
                api.get("/v2/orgs/yoigo/devices?serial_number=x", issued(reader().issuedAt(Instant.now())));

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.errorCode()).isEqualTo("UNAUTHORIZED");
    }

    @Test
    void refuses_a_token_of_the_issuer_issued_in_the_future() {
        Instant later = Instant.now().plus(Duration.ofMinutes(10));
        Api.Response refused = api.get(
                "/v2/orgs/yoigo/devices?serial_number=x",
                issued(reader().issuedAt(later).expiresAt(later.plus(Duration.ofMinutes(5)))));

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.errorCode()).isEqualTo("UNAUTHORIZED");
    }

    @Test
    void refuses_a_dev_token_once_an_issuer_is_configured() {
        assertThat(api.get("/v2/orgs/yoigo/devices?serial_number=x", token(Scopes.READ))
                        .status())
                .isEqualTo(401);
    }

    private static JwtClaimsSet.Builder reader() {
        return JwtClaimsSet.builder().subject("u").claim("orgs", List.of(ORG)).claim("scope", Scopes.READ);
    }

    private static String issued(JwtClaimsSet.Builder claims) {
        return new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(KEY)))
                .encode(JwtEncoderParameters.from(
                        JwsHeader.with(SignatureAlgorithm.RS256)
                                .keyId(KEY.getKeyID())
                                .build(),
                        claims.build()))
                .getTokenValue();
    }

    private static RSAKey rsaKey() {
        try {
            return new RSAKeyGenerator(2048).keyID("issuer-it").generate();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpServer issuer() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            byte[] keys = new JWKSet(KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            server.createContext("/jwks", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, keys.length);
                exchange.getResponseBody().write(keys);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
