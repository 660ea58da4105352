package com.subscriptiondevices.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.subscriptiondevices.SubscriptionDevicesApplication;
import com.subscriptiondevices.platform.security.DevTokens;
import com.subscriptiondevices.platform.security.Scopes;
import com.subscriptiondevices.platform.testing.TestDatabases;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The service stops while the network has not answered a replacement yet. After the restart the
 * process manager, rebuilt from the database with its deadlines, asks the network again and the
 * replacement completes.
 */
class SimReplacementRestartIT {

    private static final String SECRET = "restart-tests-secret-0123456789abcdef";

    @Test
    void a_replacement_pending_when_the_service_stops_completes_after_the_restart() {
        String token = new DevTokens(SECRET)
                .mint("u", "agent@shop.example", List.of("yoigo"), Scopes.ALL, Duration.ofMinutes(5));
        String newIccid = Fixtures.iccid();
        String devicePath;
        String v1Device;

        // first run: the network is too slow to answer before the service stops
        try (ConfigurableApplicationContext first = start("1h")) {
            Api api = new Api(port(first));
            JsonNode subscription = api.post("/v2/orgs/yoigo/subscriptions", token, "{\"legacy_account_id\": 1}")
                    .json();
            String devices =
                    "/v2/orgs/yoigo/subscriptions/" + subscription.get("id").asString() + "/devices";
            JsonNode device = api.post(devices, token, Fixtures.sim(Fixtures.iccid(), Fixtures.imsi()))
                    .json();
            devicePath = devices + "/" + device.get("id").asString();
            v1Device = "/v1/orgs/yoigo/subscriptions/"
                    + subscription.get("legacy_id").asLong() + "/devices/"
                    + device.get("legacy_id").asLong();
            Api.Response accepted = api.post(
                    v1Device + "/replacement",
                    token,
                    "{\"category\":\"SIM\",\"subscription_device_change_request\":{\"new_iccid\":\"" + newIccid
                            + "\",\"new_imsi\":\"" + Fixtures.imsi() + "\"}}");
            assertThat(accepted.status()).isEqualTo(202);
            assertThat(api.get(v1Device + "?only_active=false", token)
                            .json()
                            .get("subscription_device_change_requests")
                            .get(0)
                            .get("status")
                            .asString())
                    .isEqualTo("PENDING");
        }

        // second run: the network answers quickly; the process asks it again on its own
        try (ConfigurableApplicationContext second = start("200ms")) {
            Api api = new Api(port(second));
            ServiceIT.eventually(
                    "the replacement completes after the restart",
                    () -> newIccid.equals(api.get(devicePath, token)
                            .json()
                            .get("device_additional_details")
                            .get("iccid")
                            .asString()));
            JsonNode request = api.get(v1Device + "?only_active=false", token)
                    .json()
                    .get("subscription_device_change_requests")
                    .get(0);
            assertThat(request.get("status").asString()).isEqualTo("PROCESSED");
            assertThat(request.get("processed_date").asString()).endsWith("Z");
        }
    }

    private static ConfigurableApplicationContext start(String networkDelay) {
        return new SpringApplicationBuilder(SubscriptionDevicesApplication.class)
                .profiles("postgres")
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=" + TestDatabases.dedicated("restart"),
                        "--spring.datasource.username=" + TestDatabases.user(),
                        "--spring.datasource.hikari.maximum-pool-size=5",
                        "--devices.security.dev-jwt-secret=" + SECRET,
                        "--devices.provisioning.simulated.delay=" + networkDelay,
                        "--devices.provisioning.retry-interval=1s",
                        "--devices.provisioning.timeout=5m",
                        "--devices.deadlines.polling-interval=100ms");
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
