package com.subscriptiondevices.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.subscriptiondevices.SubscriptionDevicesApplication;
import com.subscriptiondevices.platform.security.DevTokens;
import com.subscriptiondevices.platform.security.Scopes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.axonframework.updates.UpdateChecker;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The zero-setup default: no profile, the embedded H2 database (in a fresh folder instead of ./data),
 * dev tokens. It starts, migrates, and serves writes and reads.
 */
class EmbeddedDefaultIT {

    @Test
    void the_default_starts_on_the_embedded_database_and_serves_writes_and_reads() throws Exception {
        Path folder = Files.createTempDirectory("embedded-default");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SubscriptionDevicesApplication.class)
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=jdbc:h2:file:" + folder.resolve("devices")
                                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH")) {
            assertThat(context.getEnvironment().getActiveProfiles()).isEmpty();
            assertThat(context.getBeanNamesForType(UpdateChecker.class))
                    .as("no calls home")
                    .isEmpty();
            assertThat(context.getEnvironment().getProperty("spring.datasource.url"))
                    .startsWith("jdbc:h2:");
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            Api api = new Api(port);
            String token = context.getBean(DevTokens.class)
                    .mint("u", "dev@example.com", List.of("yoigo"), Scopes.ALL, Duration.ofMinutes(5));

            Api.Response subscription = api.post("/v2/orgs/yoigo/subscriptions", token, "{\"legacy_account_id\": 1}");
            assertThat(subscription.status()).isEqualTo(201);
            String path = "/v2/orgs/yoigo/subscriptions/"
                    + subscription.json().get("id").asString() + "/devices";
            String mac = Fixtures.mac();
            Api.Response added = api.post(path, token, Fixtures.terminal(mac, "S"));
            assertThat(added.status()).as(added.toString()).isEqualTo(201);
            Api.Response iccidTwice = api.post(path, token, Fixtures.sim("8934011411551283144", Fixtures.imsi()));
            assertThat(iccidTwice.status()).isEqualTo(201);
            assertThat(api.post(path, token, Fixtures.sim("8934011411551283144", Fixtures.imsi()))
                            .errorCode())
                    .isEqualTo("ICCID_IN_USE");

            Api.Response byMac = api.get("/v2/orgs/yoigo/devices?mac_address=" + mac, token);
            assertThat(byMac.status()).isEqualTo(200);
            assertThat(byMac.json()).hasSize(1);
            Api.Response patched = api.patch(
                    path + "/" + added.json().get("id").asString(),
                    token,
                    "[{\"op\":\"replace\",\"path\":\"/serial_number\",\"value\":\"T\"}]",
                    java.util.Map.of());
            assertThat(patched.header("ETag")).isEqualTo("\"2\"");
            assertThat(api.get("/actuator/health", null).json().get("status").asString())
                    .isEqualTo("UP");
            Api.Response deadLetters = api.get("/admin/dead-letters", token);
            assertThat(deadLetters.status())
                    .as("the dead-letter table, on H2 too")
                    .isEqualTo(200);
            assertThat(deadLetters.json()).isEmpty();
        }
    }
}
