package com.subscriptiondevices.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.subscriptiondevices.command.CommandSideApplication;
import com.subscriptiondevices.platform.security.DevTokens;
import com.subscriptiondevices.platform.security.Scopes;
import com.subscriptiondevices.platform.testing.TestDatabases;
import com.subscriptiondevices.query.QuerySideApplication;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The split deployment: the command side and the query side as two applications against one
 * PostgreSQL database of their own ({@link TestDatabases#split()}). A client that wrote through the
 * command side reads its write from the query side at once.
 */
class SplitDeploymentIT {

    private static final String SECRET = "split-deployment-secret-0123456789abcdef";

    private static ConfigurableApplicationContext commandSide;
    private static ConfigurableApplicationContext querySide;

    @BeforeAll
    static void start() {
        String url = TestDatabases.split();
        // as command-line arguments: they win over the profile's configuration file, as in production
        String[] arguments = {
            "--server.port=0",
            "--spring.datasource.url=" + url,
            "--spring.datasource.username=" + TestDatabases.user(),
            "--spring.datasource.hikari.maximum-pool-size=5",
            "--devices.security.dev-jwt-secret=" + SECRET
        };
        commandSide = new SpringApplicationBuilder(CommandSideApplication.class)
                .profiles("postgres")
                .run(arguments);
        querySide = new SpringApplicationBuilder(QuerySideApplication.class)
                .profiles("postgres")
                .run(arguments);
    }

    @AfterAll
    static void stop() {
        if (querySide != null) {
            querySide.close();
        }
        if (commandSide != null) {
            commandSide.close();
        }
    }

    @Test
    void the_command_side_writes_the_read_models_and_runs_the_process_and_the_query_side_runs_nothing() {
        assertThat(commandSide.getBean(EventProcessingConfiguration.class).eventProcessors())
                .containsOnlyKeys(
                        "unique-claims",
                        "device-projection",
                        "v1-device-projection",
                        "sim-swap-projection",
                        "SimReplacementProcessProcessor",
                        "hub");
        assertThat(commandSide
                        .getBean(EventProcessingConfiguration.class)
                        .eventProcessor("device-projection")
                        .orElseThrow())
                .as("written in the command's transaction")
                .isInstanceOf(SubscribingEventProcessor.class);
        assertThat(querySide.getBean(EventProcessingConfiguration.class).eventProcessors())
                .isEmpty();
    }

    @Test
    void a_write_through_the_command_side_is_read_at_once_from_the_query_side() {
        Api commands = new Api(port(commandSide));
        Api queries = new Api(port(querySide));
        String token = new DevTokens(SECRET)
                .mint("u", "agent@shop.example", List.of("yoigo"), Scopes.ALL, Duration.ofMinutes(5));

        for (int i = 0; i < 5; i++) {
            Api.Response subscription =
                    commands.post("/v2/orgs/yoigo/subscriptions", token, "{\"legacy_account_id\": 1}");
            assertThat(subscription.status()).isEqualTo(201);
            String id = subscription.json().get("id").asString();
            assertThat(queries.get("/v2/orgs/yoigo/subscriptions/" + id, token).status())
                    .isEqualTo(200);

            String path = "/v2/orgs/yoigo/subscriptions/" + id + "/devices";
            Api.Response added = commands.post(path, token, Fixtures.terminal(Fixtures.mac(), "S" + i));
            assertThat(added.status()).isEqualTo(201);
            String devicePath = path + "/" + added.json().get("id").asString();
            Api.Response read = queries.get(devicePath, token);
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.json().get("serial_number").asString()).isEqualTo("S" + i);

            commands.patch(
                    devicePath, token, "[{\"op\":\"replace\",\"path\":\"/serial_number\",\"value\":\"P\"}]", Map.of());
            assertThat(queries.get(devicePath, token)
                            .json()
                            .get("serial_number")
                            .asString())
                    .isEqualTo("P");
            Api.Response v1 = queries.get(
                    "/v1/orgs/yoigo/subscriptions/" + id + "/devices/"
                            + added.json().get("legacy_id").asLong(),
                    token);
            assertThat(v1.status()).as(v1.toString()).isEqualTo(200);
            assertThat(v1.json()
                            .get("device_additional_details")
                            .get("serial_number")
                            .asString())
                    .isEqualTo("P");
        }
    }

    @Test
    void each_side_serves_only_its_own_endpoints() {
        String token = new DevTokens(SECRET).mint("u", null, List.of("yoigo"), Scopes.ALL, Duration.ofMinutes(5));
        assertThat(Api.outsideTheContract(port(commandSide))
                        .get("/v2/orgs/yoigo/devices?serial_number=x", token)
                        .status())
                .isIn(404, 405);
        assertThat(Api.outsideTheContract(port(querySide))
                        .post("/v2/orgs/yoigo/subscriptions", token, "{\"legacy_account_id\":1}")
                        .status())
                .isIn(404, 405);
    }

    @Test
    void the_command_side_keeps_the_dead_letters_of_its_process_and_the_query_side_the_read_model_operations() {
        String token = new DevTokens(SECRET).mint("u", null, List.of(), List.of(Scopes.ADMIN), Duration.ofMinutes(5));
        Api.Response letters = new Api(port(commandSide)).get("/admin/dead-letters", token);
        assertThat(letters.status()).isEqualTo(200);
        assertThat(letters.json()).isEmpty();
        assertThat(Api.outsideTheContract(port(querySide))
                        .post("/admin/dead-letters/" + UUID.randomUUID() + "/retry", token, "")
                        .status())
                .as("a command-side endpoint (deploy/nginx.conf routes it there)")
                .isIn(404, 405);
        assertThat(new Api(port(querySide)).get("/admin/projections", token).status())
                .isEqualTo(200);
        assertThat(Api.outsideTheContract(port(commandSide))
                        .get("/admin/projections", token)
                        .status())
                .as("a query-side endpoint")
                .isIn(404, 405);
    }

    @Test
    void the_command_side_runs_the_hub_and_a_write_reaches_a_listener_within_a_second() {
        String token = new DevTokens(SECRET)
                .mint("u", "agent@shop.example", List.of("split-hub"), Scopes.ALL, Duration.ofMinutes(5));
        Api commands = new Api(port(commandSide));
        try (TestListener listener = new TestListener()) {
            Api.Response registered =
                    commands.post("/v2/orgs/split-hub/hub", token, "{\"callback\":\"" + listener.callback() + "\"}");
            assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
            assertThat(Api.outsideTheContract(port(querySide))
                            .get("/v2/orgs/split-hub/hub", token)
                            .status())
                    .as("a command-side endpoint (deploy/nginx.conf routes every method of it there)")
                    .isIn(404, 405);
            List<Duration> latencies = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                java.time.Instant written = java.time.Instant.now();
                String id = commands.post("/v2/orgs/split-hub/subscriptions", token, "{\"legacy_account_id\": 1}")
                        .json()
                        .get("id")
                        .asString();
                TestListener.Received heard =
                        listener.await(r -> r.json().get("source").asString().endsWith(id), Duration.ofSeconds(5));
                latencies.add(Duration.between(written, heard.at()));
            }
            System.out.println("Hub, split deployment: commit to listener " + latencies);
            assertThat(latencies).allSatisfy(latency -> assertThat(latency).isLessThan(Duration.ofSeconds(1)));
            assertThat(commands.delete(registered.header("Location"), token).status())
                    .isEqualTo(204);
        }
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
