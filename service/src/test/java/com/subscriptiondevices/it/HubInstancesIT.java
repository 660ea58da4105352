package com.subscriptiondevices.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.subscriptiondevices.SubscriptionDevicesApplication;
import com.subscriptiondevices.platform.security.DevTokens;
import com.subscriptiondevices.platform.security.Scopes;
import com.subscriptiondevices.platform.testing.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The hub across restarts and instances, on a database of its own: the service stops while a delivery is
 * being retried, and two new instances finish it, nothing lost and in order; they share the listeners
 * out, every event reaches every healthy listener exactly once, and within a second of its write whichever
 * instance the write went through.
 */
class HubInstancesIT {

    private static final String SECRET = "hub-instances-secret-0123456789abcdef";
    private static final String ORG = "hub-instances";

    private final String token = new DevTokens(SECRET)
            .mint(
                    "u",
                    "agent@shop.example",
                    List.of(ORG),
                    List.of(Scopes.READ, Scopes.WRITE, Scopes.EVENTS),
                    Duration.ofMinutes(10));
    private final String database = TestDatabases.dedicated("hub_instances");

    @Test
    void a_restart_mid_retry_loses_nothing_and_two_instances_share_the_listeners_each_event_sent_once()
            throws Exception {
        sql("delete from hub_listener");
        AtomicInteger flakyStatus = new AtomicInteger(500);
        List<TestListener> steady = List.of(new TestListener(), new TestListener(), new TestListener());
        try (TestListener flaky = new TestListener().answering(n -> flakyStatus.get())) {
            List<String> subscriptions = new ArrayList<>();
            try (ConfigurableApplicationContext first = start()) {
                Api api = new Api(port(first));
                register(api, flaky);
                steady.forEach(listener -> register(api, listener));
                subscriptions.add(writeThree(api));
                steady.forEach(listener -> listener.awaitDelivered(3, Duration.ofSeconds(10)));
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (flaky.all().size() < 2) {
                    assertThat(System.nanoTime())
                            .as("the flaky listener is retried")
                            .isLessThan(deadline);
                    LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
                }
            }
            assertThat(flaky.delivered())
                    .as("nothing got through before the stop")
                    .isEmpty();
            flakyStatus.set(200);

            try (ConfigurableApplicationContext second = start();
                    ConfigurableApplicationContext third = start()) {
                Api viaSecond = new Api(port(second));
                Api viaThird = new Api(port(third));
                flaky.awaitDelivered(3, Duration.ofSeconds(15));
                assertThat(flaky.delivered().stream()
                                .map(TestListener.Received::eventId)
                                .toList())
                        .as("retried after the restart, in order")
                        .isEqualTo(eventIds(subscriptions.get(0)));

                Map<String, Integer> shares = awaitShares();
                assertThat(shares)
                        .as("both instances hold listeners: " + shares)
                        .hasSize(2);

                subscriptions.add(writeThree(viaSecond));
                subscriptions.add(writeThree(viaThird));
                List<Duration> latencies = new ArrayList<>();
                for (TestListener listener : steady) {
                    listener.awaitDelivered(9, Duration.ofSeconds(10));
                }
                flaky.awaitDelivered(9, Duration.ofSeconds(10));
                for (int i = 0; i < 3; i++) {
                    Instant written = Instant.now();
                    Api via = i % 2 == 0 ? viaSecond : viaThird;
                    String subscription = via.post(
                                    "/v2/orgs/" + ORG + "/subscriptions", token, "{\"legacy_account_id\": 1}")
                            .json()
                            .get("id")
                            .asString();
                    subscriptions.add(subscription);
                    for (TestListener listener : steady) {
                        TestListener.Received heard = listener.await(
                                r -> r.json().get("source").asString().endsWith(subscription), Duration.ofSeconds(5));
                        latencies.add(Duration.between(written, heard.at()));
                    }
                }
                System.out.println("Hub, two instances: commit to listener " + latencies);
                assertThat(latencies).allSatisfy(latency -> assertThat(latency).isLessThan(Duration.ofSeconds(1)));

                List<String> expected = new ArrayList<>();
                subscriptions.forEach(subscription -> expected.addAll(eventIds(subscription)));
                for (TestListener listener : steady) {
                    List<String> ids = listener.delivered().stream()
                            .map(TestListener.Received::eventId)
                            .toList();
                    assertThat(ids).as("each event once").doesNotHaveDuplicates();
                    assertThat(new HashSet<>(ids)).isEqualTo(new HashSet<>(expected));
                    assertThat(listener.all()).as("no failed attempt").allMatch(TestListener.Received::delivered);
                }
                // the steady listeners were waited for above; the flaky one gets the last registrations too
                flaky.awaitDelivered(expected.size(), Duration.ofSeconds(10));
                for (String subscription : subscriptions) {
                    List<String> order = eventIds(subscription);
                    assertThat(flaky.firstArrivals(r -> order.contains(r.eventId())))
                            .as("the subscription's order")
                            .isEqualTo(order);
                }
            }
        } finally {
            steady.forEach(TestListener::close);
        }
    }

    @Test
    void an_instance_that_does_not_deliver_serves_writes_whose_events_another_instance_delivers() throws Exception {
        sql("delete from hub_listener");
        try (TestListener listener = new TestListener();
                ConfigurableApplicationContext writer = start("--devices.notifications.deliver=false")) {
            Api api = new Api(port(writer));
            register(api, listener);
            String subscription = writeThree(api);
            LockSupport.parkNanos(Duration.ofSeconds(2).toNanos());
            assertThat(listener.all()).as("the writing instance sends nothing").isEmpty();
            assertThat(claims()).as("and claims no listener").isEmpty();

            try (ConfigurableApplicationContext deliverer = start()) {
                listener.awaitDelivered(3, Duration.ofSeconds(15));
                assertThat(listener.delivered().stream()
                                .map(TestListener.Received::eventId)
                                .toList())
                        .as("the other instance sends the writer's events, in order")
                        .isEqualTo(eventIds(subscription));
                assertThat(claims()).as("one instance holds the listener").hasSize(1);
            }
        }
    }

    /** Listeners per instance that holds any. */
    private Map<String, Integer> claims() throws SQLException {
        Map<String, Integer> shares = new TreeMap<>();
        try (Connection connection = connection();
                PreparedStatement statement = connection.prepareStatement(
                        "select claimed_by, count(*) from hub_listener where claimed_by is not null group by"
                                + " claimed_by");
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                shares.put(rows.getString(1), rows.getInt(2));
            }
        }
        return shares;
    }

    private void register(Api api, TestListener listener) {
        Api.Response registered =
                api.post("/v2/orgs/" + ORG + "/hub", token, "{\"callback\":\"" + listener.callback() + "\"}");
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
    }

    /** A subscription with two devices: three events. */
    private String writeThree(Api api) {
        String subscription = api.post("/v2/orgs/" + ORG + "/subscriptions", token, "{\"legacy_account_id\": 1}")
                .json()
                .get("id")
                .asString();
        for (int i = 0; i < 2; i++) {
            assertThat(api.post(
                                    "/v2/orgs/" + ORG + "/subscriptions/" + subscription + "/devices",
                                    token,
                                    Fixtures.terminal(Fixtures.mac(), Fixtures.serial()))
                            .status())
                    .isEqualTo(201);
        }
        return subscription;
    }

    /** Listeners per instance, once both instances hold some (within 15 s). */
    private Map<String, Integer> awaitShares() throws SQLException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            Map<String, Integer> shares = claims();
            if (shares.size() == 2 || System.nanoTime() > deadline) {
                return shares;
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
    }

    private List<String> eventIds(String subscription) {
        List<String> ids = new ArrayList<>();
        try (Connection connection = connection();
                PreparedStatement statement = connection.prepareStatement("select eventidentifier from"
                        + " domainevententry where aggregateidentifier = ? order by sequencenumber")) {
            statement.setString(1, subscription);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return ids;
    }

    private void sql(String statement) throws SQLException {
        try (Connection connection = connection()) {
            try (var check = connection.prepareStatement(
                            "select count(*) from information_schema.tables where table_name = 'hub_listener'");
                    ResultSet rows = check.executeQuery()) {
                rows.next();
                if (rows.getInt(1) == 0) {
                    return;
                }
            }
            connection.createStatement().execute(statement);
        }
    }

    private Connection connection() throws SQLException {
        return DriverManager.getConnection(
                database, TestDatabases.user(), System.getenv().getOrDefault("TEST_DATABASE_PASSWORD", ""));
    }

    private ConfigurableApplicationContext start(String... more) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.datasource.url=" + database,
                "--spring.datasource.username=" + TestDatabases.user(),
                "--spring.datasource.hikari.maximum-pool-size=6",
                "--devices.security.dev-jwt-secret=" + SECRET,
                "--devices.notifications.retry.first-interval=200ms",
                "--devices.notifications.retry.max-interval=500ms",
                "--devices.notifications.claim-timeout=3s",
                "--devices.event-processing.claim-timeout=3s"));
        arguments.addAll(List.of(more));
        return new SpringApplicationBuilder(SubscriptionDevicesApplication.class)
                .profiles("postgres")
                .run(arguments.toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
