package com.subscriptiondevices.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.subscriptiondevices.SubscriptionDevicesApplication;
import com.subscriptiondevices.command.hub.NotificationProperties;
import com.subscriptiondevices.command.hub.listener.CallbackPolicy;
import com.subscriptiondevices.platform.security.DevTokens;
import com.subscriptiondevices.platform.security.Scopes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The prod profile takes tokens from an issuer only: never without one, never the dev secret; and it allows
 * no callback host for the hub until configured.
 */
class ProdProfileIT {

    @Test
    void refuses_to_start_without_an_issuer_or_jwk_set() {
        assertThatThrownBy(() -> start()).hasStackTraceContaining("The prod profile needs a token issuer");
    }

    @Test
    void refuses_to_start_with_a_dev_secret() {
        assertThatThrownBy(() -> start(
                        "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:9/jwks",
                        "--devices.security.dev-jwt-secret=a-dev-secret-that-is-long-enough-0123456789"))
                .hasStackTraceContaining("The prod profile never accepts dev tokens");
    }

    @Test
    void with_a_jwk_set_it_starts_and_refuses_dev_tokens() {
        try (ConfigurableApplicationContext context =
                start("--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:9/jwks")) {
            assertThat(context.getBeansOfType(DevTokens.class)).isEmpty();
            assertThat(context.getBean(NotificationProperties.class).allowedHosts())
                    .as("no callback host until an operator lists some")
                    .isEmpty();
            assertThatThrownBy(() -> context.getBean(CallbackPolicy.class).check("http://127.0.0.1:8080/hook"))
                    .hasMessageContaining("not allowed");
            String devToken = new DevTokens("a-dev-secret-that-is-long-enough-0123456789")
                    .mint("u", null, List.of("yoigo"), Scopes.ALL, Duration.ofMinutes(5));
            Api api = new Api(
                    ((WebServerApplicationContext) context).getWebServer().getPort());

            Api.Response refused = api.get("/v2/orgs/yoigo/devices?serial_number=x", devToken);
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.errorCode()).isEqualTo("UNAUTHORIZED");
            assertThat(api.get("/actuator/health/liveness", null).status()).isEqualTo(200);
        }
    }

    private static ConfigurableApplicationContext start(String... extra) {
        List<String> arguments = new ArrayList<>(List.of(
                "--spring.profiles.active=prod",
                "--server.port=0",
                "--spring.datasource.url=jdbc:h2:mem:prod-" + UUID.randomUUID()
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"));
        arguments.addAll(List.of(extra));
        return new SpringApplicationBuilder(SubscriptionDevicesApplication.class).run(arguments.toArray(String[]::new));
    }
}
