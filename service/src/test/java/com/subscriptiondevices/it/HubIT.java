package com.subscriptiondevices.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.subscriptiondevices.api.subscription.SubscriptionCreated;
import com.subscriptiondevices.command.hub.BackgroundThreads;
import com.subscriptiondevices.command.hub.listener.HostResolver;
import com.subscriptiondevices.platform.security.Scopes;
import com.subscriptiondevices.platform.testing.TestDatabases;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The hub through HTTP on PostgreSQL, with real HTTP listeners: registration, every event type and its
 * payload, signatures checked independently, query filtering, org isolation, order under failures and
 * concurrent writes, a listener down while another is served on time, deletion, refused hosts (a name
 * resolving to a refused address too), and the dead letters of a delivery given up. Retries back off from
 * 200 ms and give up after 3 s here. A database of its own, and each test an org of its own.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@Import(HubIT.Names.class)
class HubIT extends ServiceIT {

    /** Names only this test's resolver knows; rebound.test's address can change under a listener. */
    static final AtomicReference<String> REBOUND = new AtomicReference<>("127.0.0.1");

    private static boolean cleaned;

    @Autowired
    DataSource dataSource;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    MeterRegistry meters;

    private final List<TestListener> listeners = new ArrayList<>();
    private final List<Registered> registrations = new ArrayList<>();

    @DynamicPropertySource
    static void hub(DynamicPropertyRegistry properties) {
        properties.add("spring.datasource.url", () -> TestDatabases.dedicated("hub"));
        properties.add("devices.notifications.allowed-hosts", () -> "localhost,127.0.0.1,rebound.test,private.test");
        properties.add("devices.notifications.retry.first-interval", () -> "200ms");
        properties.add("devices.notifications.retry.max-interval", () -> "800ms");
        properties.add("devices.notifications.retry.give-up-after", () -> "3s");
        properties.add("devices.notifications.poll-interval", () -> "100ms");
    }

    /** Listeners an earlier run of this class left (it was stopped, say) would be delivered to for nothing. */
    @org.junit.jupiter.api.BeforeEach
    void forgetEarlierRuns() {
        if (!cleaned) {
            jdbc.sql("delete from hub_listener").update();
            cleaned = true;
        }
    }

    @AfterEach
    void deleteListeners() {
        for (Registered registered : registrations) {
            String org = registered.path().split("/")[3];
            assertThat(api.delete(registered.path(), token(org)).status()).isIn(204, 404);
        }
        listeners.forEach(TestListener::close);
    }

    private TestListener listener() {
        TestListener listener = new TestListener();
        listeners.add(listener);
        return listener;
    }

    private static String org() {
        return "hub-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private String token(String org) {
        return tokens.mint(
                "user-1",
                "agent@shop.example",
                List.of(org),
                List.of(Scopes.READ, Scopes.WRITE, Scopes.EVENTS, Scopes.ADMIN),
                Duration.ofMinutes(10));
    }

    /** A registered listener: its id and the secret its registration answered with. */
    record Registered(String id, String secret, String path) {}

    private Registered register(String org, String callback, String query) {
        String body = query == null
                ? "{\"callback\":\"" + callback + "\"}"
                : "{\"callback\":\"" + callback + "\",\"query\":\"" + query + "\"}";
        Api.Response created = api.post("/v2/orgs/" + org + "/hub", token(org), body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asString();
        Registered registered =
                new Registered(id, created.json().get("secret").asString(), "/v2/orgs/" + org + "/hub/" + id);
        registrations.add(registered);
        return registered;
    }

    private String subscriptionIn(String org) {
        Api.Response created = api.post(
                "/v2/orgs/" + org + "/subscriptions",
                token(org),
                "{\"legacy_account_id\": 4711}",
                Map.of("X-Request-Id", "hub-test-" + UUID.randomUUID()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    private JsonNode addTerminal(String org, String subscription) {
        Api.Response added = api.post(
                devicesPath(org, subscription), token(org), Fixtures.terminal(Fixtures.mac(), Fixtures.serial()));
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        return added.json();
    }

    private List<String> eventIds(String subscription) {
        return jdbc.sql("select eventidentifier from domainevententry where aggregateidentifier = ? order by"
                        + " sequencenumber")
                .param(subscription)
                .query(String.class)
                .list();
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    @Test
    void a_listener_is_registered_listed_shown_and_deleted_and_its_secret_is_shown_once() {
        String org = org();
        TestListener listener = listener();
        Api.Response created = api.post(
                "/v2/orgs/" + org + "/hub",
                token(org),
                "{\"callback\":\"" + listener.callback() + "\",\"query\":\"type=subscription-devices.device.added\"}");

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode body = created.json();
        String id = body.get("id").asString();
        assertThat(created.header("Location")).isEqualTo("/v2/orgs/" + org + "/hub/" + id);
        assertThat(created.header("Cache-Control")).contains("no-store");
        assertThat(body.get("secret").asString()).startsWith("whsec_").hasSizeGreaterThan(40);
        assertThat(body.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(body.get("query").asString()).isEqualTo("type=subscription-devices.device.added");
        assertThat(jdbc.sql("select count(*) from hub_listener where id = ?")
                        .param(UUID.fromString(id))
                        .query(Long.class)
                        .single())
                .as("stored")
                .isEqualTo(1);

        Api.Response list = api.get("/v2/orgs/" + org + "/hub", token(org));
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json()).hasSize(1);
        assertThat(list.json().get(0).get("id").asString()).isEqualTo(id);
        assertThat(list.body())
                .doesNotContain("secret")
                .doesNotContain(body.get("secret").asString());

        Api.Response one = api.get("/v2/orgs/" + org + "/hub/" + id, token(org));
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.body()).doesNotContain("secret");
        assertThat(one.json().get("pending").asLong()).isZero();
        assertThat(one.json().get("failures").asLong()).isZero();
        assertThat(one.json().get("last_error").isNull()).isTrue();
        assertThat(one.json().get("last_delivered_at").isNull()).isTrue();
        assertThat(one.json().get("callback").asString()).isEqualTo(listener.callback());

        assertThat(api.get("/v2/orgs/" + org + "/hub/" + id, token(OTHER_ORG)).status())
                .as("another org's token")
                .isEqualTo(403);
        assertThat(api.get("/v2/orgs/" + org + "/hub", token(Scopes.READ, Scopes.WRITE))
                        .status())
                .as("without devices:events")
                .isEqualTo(403);
        String otherOrg = org();
        assertThat(api.get("/v2/orgs/" + otherOrg + "/hub/" + id, token(otherOrg))
                        .status())
                .as("another org's listener is not found")
                .isEqualTo(404);

        Api.Response deleted = api.delete("/v2/orgs/" + org + "/hub/" + id, token(org));
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertThat(api.get("/v2/orgs/" + org + "/hub/" + id, token(org)).errorCode())
                .isEqualTo("LISTENER_NOT_FOUND");
        assertThat(api.delete("/v2/orgs/" + org + "/hub/" + id, token(org)).status())
                .isEqualTo(404);
        assertThat(api.get("/v2/orgs/" + org + "/hub", token(org)).json()).isEmpty();
    }

    @Test
    void bad_callbacks_queries_and_secrets_are_400_and_store_nothing() {
        String org = org();
        long before = count("hub_listener");
        Map<String, String> refused = Map.ofEntries(
                Map.entry("{\"callback\":\"not a url\"}", "INVALID_CALLBACK"),
                Map.entry("{\"callback\":\"/relative/hook\"}", "INVALID_CALLBACK"),
                Map.entry("{\"callback\":\"ftp://127.0.0.1/hook\"}", "INVALID_CALLBACK"),
                Map.entry("{\"callback\":\"http://user:pw@127.0.0.1/hook\"}", "INVALID_CALLBACK"),
                Map.entry("{\"callback\":\"http://example.com/hook\"}", "INVALID_CALLBACK"),
                Map.entry("{\"callback\":\"http://10.0.0.1/hook\"}", "INVALID_CALLBACK"),
                Map.entry("{\"callback\":\"http://[::1]/hook\"}", "INVALID_CALLBACK"),
                Map.entry("{\"callback\":\"http://private.test/hook\"}", "INVALID_CALLBACK"),
                Map.entry("{\"callback\":\"http://127.0.0.1/hook\",\"query\":\"type=nope\"}", "INVALID_BODY"),
                Map.entry("{\"callback\":\"http://127.0.0.1/hook\",\"query\":\"eventType=x\"}", "INVALID_BODY"),
                Map.entry("{\"callback\":\"http://127.0.0.1/hook\",\"secret\":\"short\"}", "INVALID_BODY"),
                Map.entry("{\"callback\":\"http://127.0.0.1/hook\",\"colour\":1}", "INVALID_BODY"),
                Map.entry("{}", "INVALID_BODY"));
        refused.forEach((body, code) -> {
            Api.Response answer = api.post("/v2/orgs/" + org + "/hub", token(org), body);
            assertThat(answer.status()).as(body + " -> " + answer).isEqualTo(400);
            assertThat(answer.errorCode()).as(body).isEqualTo(code);
        });
        assertThat(count("hub_listener")).as("nothing stored").isEqualTo(before);
    }

    @Test
    void every_event_type_arrives_as_a_signed_cloud_event_whose_data_is_the_resource_as_the_v2_get_shows_it() {
        String org = org();
        TestListener listener = listener();
        Registered registered = register(org, listener.callback(), null);
        String token = tokens.mint(
                "user-1",
                "agent@shop.example",
                List.of(org),
                List.of(Scopes.READ, Scopes.WRITE, Scopes.SECRETS, Scopes.EVENTS),
                Duration.ofMinutes(10));

        String subscription = subscriptionIn(org);
        String iccid = Fixtures.iccid();
        String imsi = Fixtures.imsi();
        Api.Response sim = api.post(
                devicesPath(org, subscription), token, Fixtures.sim(iccid, imsi), Map.of("X-Request-Id", "shop-42"));
        assertThat(sim.status()).isEqualTo(201);
        String simId = sim.json().get("id").asString();
        JsonNode terminal = addTerminal(org, subscription);
        String terminalPath =
                devicesPath(org, subscription) + "/" + terminal.get("id").asString();
        assertThat(api.patch(
                                terminalPath,
                                token,
                                "[{\"op\":\"replace\",\"path\":\"/serial_number\",\"value\":\"SN-HUB\","
                                        + "\"reason\":\"LABEL_FIXED\"}]",
                                Map.of())
                        .status())
                .isEqualTo(200);
        JsonNode terminalAfterPatch = api.get(terminalPath, token).json();
        String v1 = "/v1/orgs/" + org + "/subscriptions/" + subscription + "/devices/"
                + sim.json().get("legacy_id").asLong();
        String newIccid = Fixtures.iccid();
        String newImsi = Fixtures.imsi();
        assertThat(api.post(v1 + "/replacement", token, replacement(iccid, imsi, newIccid, newImsi))
                        .status())
                .isEqualTo(202);
        List<TestListener.Received> processed = listener.awaitDelivered(6, Duration.ofSeconds(15));
        assertThat(api.post(v1 + "/replacement", token, replacement(newIccid, newImsi, REFUSED_ICCID, Fixtures.imsi()))
                        .status())
                .isEqualTo(202);
        List<TestListener.Received> all = listener.awaitDelivered(8, Duration.ofSeconds(15));

        assertThat(all.stream().map(TestListener.Received::type).toList())
                .containsExactly(
                        "subscription-devices.subscription.created",
                        "subscription-devices.device.added",
                        "subscription-devices.device.added",
                        "subscription-devices.device.changed",
                        "subscription-devices.sim-replacement.requested",
                        "subscription-devices.sim-replacement.processed",
                        "subscription-devices.sim-replacement.requested",
                        "subscription-devices.sim-replacement.rejected");
        assertThat(all.stream().map(TestListener.Received::eventId).toList())
                .as("in the subscription's order, each event once")
                .isEqualTo(eventIds(subscription));
        for (TestListener.Received received : all) {
            JsonNode event = received.json();
            assertThat(received.contentType()).isEqualTo("application/cloudevents+json");
            assertThat(received.id()).isEqualTo(event.get("id").asString());
            assertThat(Long.parseLong(received.timestamp()))
                    .isBetween(
                            Instant.now().getEpochSecond() - 60, Instant.now().getEpochSecond() + 1);
            assertThat(received.signedWith(registered.secret()))
                    .as("signature of " + received)
                    .isTrue();
            assertThat(received.signedWith(
                            "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32])))
                    .isFalse();
            assertThat(event.get("specversion").asString()).isEqualTo("1.0");
            assertThat(event.get("source").asString()).isEqualTo("/v2/orgs/" + org + "/subscriptions/" + subscription);
            assertThat(event.get("datacontenttype").asString()).isEqualTo("application/json");
            assertThat(Instant.parse(event.get("time").asString())).isBefore(received.at());
            assertThat(received.body()).doesNotContain("\"pin\"").doesNotContain("\"puk\"");
        }
        JsonNode created = all.get(0).json();
        assertThat(created.has("subject")).isFalse();
        assertThat(created.get("data"))
                .isEqualTo(api.get("/v2/orgs/" + org + "/subscriptions/" + subscription, token)
                        .json());
        assertThat(created.get("correlationid").asString()).startsWith("hub-test-");

        JsonNode simAdded = all.get(1).json();
        assertThat(simAdded.get("subject").asString()).isEqualTo("devices/" + simId);
        assertThat(simAdded.get("correlationid").asString()).isEqualTo("shop-42");
        JsonNode simAsAdded = sim.json().deepCopy();
        ((tools.jackson.databind.node.ObjectNode) simAsAdded.get("device_additional_details"))
                .remove(List.of("pin", "puk"));
        assertThat(simAdded.get("data"))
                .as("the SIM as V2 showed it, without PIN and PUK")
                .isEqualTo(simAsAdded);

        assertThat(all.get(2).json().get("data")).isEqualTo(terminal);
        JsonNode changed = all.get(3).json().get("data").deepCopy();
        assertThat(changed.get("operations"))
                .isEqualTo(Api.JSON.readTree(
                        "[{\"op\":\"replace\",\"path\":\"/serial_number\",\"from\":null,\"reason\":\"LABEL_FIXED\"}]"));
        ((tools.jackson.databind.node.ObjectNode) changed).remove("operations");
        assertThat(changed).as("the device as the GET right after the patch").isEqualTo(terminalAfterPatch);

        JsonNode requested = all.get(4).json().get("data");
        assertThat(requested.get("id").asString()).isEqualTo(simId);
        assertThat(requested.get("device_additional_details").get("iccid").asString())
                .isEqualTo(iccid);
        assertThat(requested.get("change_request").get("status").asString()).isEqualTo("PENDING");
        assertThat(requested.get("change_request").get("new_iccid").asString()).isEqualTo(newIccid);
        assertThat(requested.get("change_request").get("user_name").asString()).isEqualTo("agent@shop.example");
        JsonNode swapped = processed.get(5).json().get("data");
        assertThat(swapped.get("device_additional_details").get("iccid").asString())
                .as("the device after the swap")
                .isEqualTo(newIccid);
        assertThat(swapped.get("device_additional_details").has("pin")).isFalse();
        assertThat(swapped.get("change_request").get("status").asString()).isEqualTo("PROCESSED");
        assertThat(swapped.get("change_request").get("processed_date").isNull()).isFalse();
        JsonNode rejected = all.get(7).json().get("data");
        assertThat(rejected.get("device_additional_details").get("iccid").asString())
                .as("the device keeps its SIM")
                .isEqualTo(newIccid);
        assertThat(rejected.get("change_request").get("status").asString()).isEqualTo("REJECTED");
        assertThat(rejected.get("change_request").get("rejection_reason").asString())
                .isEqualTo("REJECTED_BY_NETWORK");

        String subscriptionPath = "/v2/orgs/" + org + "/subscriptions/" + subscription;
        String msisdn = Fixtures.msisdn();
        assertThat(api.patch(
                                subscriptionPath,
                                token,
                                "[{\"op\":\"add\",\"path\":\"/msisdn\",\"value\":\"" + msisdn + "\"}]",
                                Map.of())
                        .status())
                .isEqualTo(200);
        TestListener.Received numbered =
                listener.awaitDelivered(9, Duration.ofSeconds(15)).get(8);
        assertThat(numbered.type()).isEqualTo("subscription-devices.msisdn.changed");
        assertThat(numbered.json().has("subject")).isFalse();
        assertThat(numbered.json().get("data"))
                .as("the subscription with its new number, as the GET shows it")
                .isEqualTo(api.get(subscriptionPath, token).json());
        assertThat(numbered.json().get("data").get("msisdn").asString()).isEqualTo(msisdn);

        // the listener has the event before the service has its answer and records the delivery
        eventually(
                "the listener's view shows nothing pending",
                () -> api.get(registered.path(), token(org))
                                .json()
                                .get("pending")
                                .asLong()
                        == 0);
        JsonNode shown = api.get(registered.path(), token(org)).json();
        assertThat(shown.get("pending").asLong()).isZero();
        assertThat(Instant.parse(shown.get("last_delivered_at").asString()))
                .isAfter(all.get(6).at().minusSeconds(1));
    }

    @Test
    void a_query_selects_the_types_and_a_listener_hears_only_its_own_orgs_events() {
        String org = org();
        String other = org();
        TestListener additions = listener();
        TestListener everything = listener();
        register(org, additions.callback(), "type=subscription-devices.device.added");
        register(other, everything.callback(), null);

        String subscription = subscriptionIn(org);
        addTerminal(org, subscription);
        addTerminal(org, subscription);
        String elsewhere = subscriptionIn(other);
        addTerminal(other, elsewhere);

        List<TestListener.Received> added = additions.awaitDelivered(2, Duration.ofSeconds(10));
        List<TestListener.Received> heard = everything.awaitDelivered(2, Duration.ofSeconds(10));
        LockSupport.parkNanos(Duration.ofMillis(700).toNanos());
        assertThat(additions.all()).hasSize(2);
        assertThat(added).allSatisfy(r -> {
            assertThat(r.type()).isEqualTo("subscription-devices.device.added");
            assertThat(r.json().get("source").asString()).contains("/orgs/" + org + "/");
        });
        assertThat(everything.all()).hasSize(2);
        assertThat(heard).allSatisfy(r -> assertThat(r.json().get("source").asString())
                .isEqualTo("/v2/orgs/" + other + "/subscriptions/" + elsewhere));
    }

    @Test
    void a_listener_hears_only_the_events_stored_after_its_registration_even_while_the_fan_out_is_behind() {
        String org = org();
        TestListener earlier = listener();
        register(org, earlier.callback(), null);
        String subscription = subscriptionIn(org);
        earlier.awaitDelivered(1, Duration.ofSeconds(10));
        // the fan-out behind the writes, as it is for a while under load: a write is stored, not yet appended
        TrackingEventProcessor fanOut =
                processing.eventProcessor("hub", TrackingEventProcessor.class).orElseThrow();
        fanOut.shutDown();
        String before;
        TestListener later = listener();
        Registered registered;
        try {
            before = addTerminal(org, subscription).get("id").asString();
            registered = register(org, later.callback(), null);
        } finally {
            fanOut.start();
        }
        String after = addTerminal(org, subscription).get("id").asString();

        later.await(r -> r.json().path("subject").asString().equals("devices/" + after), Duration.ofSeconds(10));
        earlier.await(r -> r.json().path("subject").asString().equals("devices/" + after), Duration.ofSeconds(10));
        assertThat(later.all())
                .extracting(r -> r.json().path("subject").asString())
                .as("not the device added before the registration, appended after it")
                .containsExactly("devices/" + after);
        assertThat(earlier.all())
                .extracting(r -> r.json().path("subject").asString())
                .containsExactly("", "devices/" + before, "devices/" + after);
        eventually(
                "the later listener's view shows nothing pending",
                () -> api.get(registered.path(), token(org))
                                .json()
                                .get("pending")
                                .asLong()
                        == 0);
    }

    @Test
    void a_listener_answering_500_then_200_gets_every_event_in_order_and_says_how_it_went() {
        String org = org();
        TestListener listener = listener().answering(n -> n < 3 ? 500 : 200);
        Registered registered = register(org, listener.callback(), null);
        String subscription = subscriptionIn(org);
        for (int i = 0; i < 4; i++) {
            addTerminal(org, subscription);
        }

        listener.awaitDelivered(5, Duration.ofSeconds(15));
        List<String> stored = eventIds(subscription);
        assertThat(listener.firstArrivals(r -> true))
                .as("first arrivals in order")
                .isEqualTo(stored);
        assertThat(listener.delivered().stream()
                        .map(TestListener.Received::eventId)
                        .toList())
                .as("each delivered once, in order")
                .isEqualTo(stored);
        assertThat(listener.all().subList(0, 3))
                .allSatisfy(r -> assertThat(r.answered()).isEqualTo(500));
        ServiceIT.eventually(
                "the listener shows nothing pending",
                () -> api.get(registered.path(), token(org))
                                .json()
                                .get("pending")
                                .asLong()
                        == 0);
        JsonNode shown = api.get(registered.path(), token(org)).json();
        assertThat(shown.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(shown.get("failures").asLong()).as("since the last success").isZero();
        assertThat(shown.get("last_error").asString()).isEqualTo("HTTP 500");
        assertThat(shown.get("last_delivered_at").isNull()).isFalse();
    }

    @Test
    void one_listener_down_holds_back_no_other_which_hears_each_write_within_a_second() throws Exception {
        String org = org();
        TestListener down = listener().answering(n -> 503);
        TestListener up = listener();
        Registered failing = register(org, down.callback(), null);
        TestListener gone = listener();
        Registered unreachable = register(org, gone.callback(), null);
        gone.close();
        register(org, up.callback(), null);

        String subscription = subscriptionIn(org);
        up.awaitDelivered(1, Duration.ofSeconds(5));
        List<Duration> latencies = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Instant written = Instant.now();
            String device = addTerminal(org, subscription).get("id").asString();
            TestListener.Received heard = up.await(
                    r -> r.json().path("subject").asString().equals("devices/" + device), Duration.ofSeconds(5));
            latencies.add(Duration.between(written, heard.at()));
        }
        System.out.println("Hub: commit to a served listener while another is down: " + latencies);
        assertThat(latencies).allSatisfy(latency -> assertThat(latency).isLessThan(Duration.ofSeconds(1)));
        assertThat(down.all()).as("the failing listener was tried").isNotEmpty();
        JsonNode failingNow = api.get(failing.path(), token(org)).json();
        assertThat(failingNow.get("failures").asLong()).isPositive();
        assertThat(failingNow.get("last_error").asString()).isEqualTo("HTTP 503");
        assertThat(failingNow.get("pending").asLong() > 0
                        || failingNow.get("status").asString().equals("FAILING"))
                .as("still waiting, or given up: " + failingNow)
                .isTrue();
        ServiceIT.eventually("the unreachable listener's error is shown", () -> "connection refused"
                .equals(api.get(unreachable.path(), token(org))
                        .json()
                        .get("last_error")
                        .asString()));
    }

    /**
     * The suite's JVM runs with README's options ({@code -XX:ThreadPriorityPolicy=1
     * -XX:JavaPriority1_To_OSPriority=19}, failsafe's argLine): the threads that delivered run at nice 19,
     * and in Linux's idle scheduling class, so on busy cores they wait for the requests and the database.
     */
    @Test
    void deliveries_run_on_threads_the_operating_system_puts_behind_the_requests() throws Exception {
        String org = org();
        TestListener listener = listener();
        register(org, listener.callback(), null);
        subscriptionIn(org);
        listener.awaitDelivered(1, Duration.ofSeconds(5));

        Map<String, OptionalInt> niceByThread = new TreeMap<>();
        Map<String, OptionalInt> policyByThread = new TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                String stat = stat(task);
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                if (name.startsWith("hub-")) {
                    niceByThread.put(name + " " + task.getFileName(), BackgroundThreads.niceOf(stat));
                    policyByThread.put(name + " " + task.getFileName(), BackgroundThreads.policyOf(stat));
                }
            }
        }
        assertThat(niceByThread.keySet())
                .anyMatch(name -> name.startsWith("hub-send"))
                .anyMatch(name -> name.startsWith("hub-listener"))
                .anyMatch(name -> name.startsWith("hub-dispatcher"))
                .as("the fan-out's tracking processor (hub-0, or hub-1 once a test restarted it)")
                .anyMatch(name -> name.matches("hub-\\d+ \\d+"));
        assertThat(niceByThread)
                .allSatisfy((thread, nice) -> assertThat(nice).as(thread).hasValue(19));
        assertThat(policyByThread)
                .allSatisfy((thread, policy) -> assertThat(policy).as(thread).hasValue(BackgroundThreads.SCHED_IDLE));
        assertThat(BackgroundThreads.nice())
                .as("the test's own thread, at the normal priority as the requests' are")
                .hasValue(0);
        assertThat(BackgroundThreads.policy())
                .as("the test's own thread's class")
                .hasValue(0);
    }

    /** A thread's {@code stat} line, or "()" when it ended meanwhile. */
    private static String stat(Path task) {
        try {
            return Files.readString(task.resolve("stat"));
        } catch (IOException ended) {
            return "()";
        }
    }

    @Test
    void a_delivery_given_up_is_a_dead_letter_the_listener_is_failing_and_a_retry_delivers_the_rest_in_order() {
        String org = org();
        AtomicReference<Integer> status = new AtomicReference<>(500);
        TestListener listener = listener().answering(n -> status.get());
        Registered registered = register(org, listener.callback(), null);
        String subscription = subscriptionIn(org);
        addTerminal(org, subscription);

        ServiceIT.eventually("the listener is FAILING", () -> "FAILING"
                .equals(api.get(registered.path(), token(org))
                        .json()
                        .get("status")
                        .asString()));
        JsonNode letters = api.get("/admin/dead-letters?processing_group=hub-deliveries", token(org))
                .json();
        List<JsonNode> mine = new ArrayList<>();
        letters.forEach(letter -> {
            if (letter.get("sequence_identifier").asString().startsWith(registered.id())) {
                mine.add(letter);
            }
        });
        assertThat(mine).hasSize(2);
        assertThat(mine.get(0).get("event_type").asString()).isEqualTo("subscription-devices.subscription.created");
        assertThat(mine.get(0).get("cause_message").asString()).contains("HTTP 500");
        assertThat(mine.get(1).get("cause_type").isNull())
                .as("waits behind the first")
                .isTrue();
        assertThat(mine.get(0).get("aggregate_id").asString()).isEqualTo(subscription);
        assertThat(api.get(registered.path(), token(org)).json().get("pending").asLong())
                .as("given up: not pending")
                .isZero();

        Api.Response stillFailing =
                api.post("/admin/dead-letters/" + mine.get(1).get("id").asString() + "/retry", token(org), "");
        assertThat(stillFailing.json().get("outcome").asString()).isEqualTo("FAILED");

        status.set(200);
        int before = listener.delivered().size();
        Api.Response retried =
                api.post("/admin/dead-letters/" + mine.get(0).get("id").asString() + "/retry", token(org), "");
        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        assertThat(retried.json().get("outcome").asString()).isEqualTo("PROCESSED");
        listener.awaitDelivered(before + 2, Duration.ofSeconds(10));
        assertThat(listener.delivered().stream()
                        .map(TestListener.Received::eventId)
                        .toList())
                .isEqualTo(eventIds(subscription));
        ServiceIT.eventually("the listener is ACTIVE again", () -> "ACTIVE"
                .equals(api.get(registered.path(), token(org))
                        .json()
                        .get("status")
                        .asString()));
        assertThat(api.get("/admin/dead-letters?processing_group=hub-deliveries", token(org))
                        .body())
                .doesNotContain(registered.id());
    }

    @Test
    void deleting_a_listener_stops_its_deliveries_retries_included() {
        String org = org();
        TestListener listener = listener().answering(n -> 500);
        Registered registered = register(org, listener.callback(), null);
        String subscription = subscriptionIn(org);
        listener.await(r -> true, Duration.ofSeconds(5));

        assertThat(api.delete(registered.path(), token(org)).status()).isEqualTo(204);
        int seen = listener.all().size();
        addTerminal(org, subscription);
        LockSupport.parkNanos(Duration.ofMillis(1500).toNanos());
        assertThat(listener.all()).as("nothing after the 204, not even a retry").hasSize(seen);
        assertThat(jdbc.sql("select count(*) from hub_parked where listener_id = ?")
                        .param(UUID.fromString(registered.id()))
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void a_host_allowed_by_name_that_resolves_to_a_refused_address_gets_nothing() {
        String org = org();
        TestListener listener = listener();
        REBOUND.set("127.0.0.1");
        Registered registered = register(org, "http://rebound.test:" + listener.port() + "/hook", null);
        String subscription = subscriptionIn(org);
        listener.awaitDelivered(1, Duration.ofSeconds(5));

        REBOUND.set("10.1.2.3");
        try {
            addTerminal(org, subscription);
            ServiceIT.eventually("the refusal is shown", () -> {
                JsonNode shown = api.get(registered.path(), token(org)).json();
                return shown.get("failures").asLong() > 0
                        && shown.get("last_error").asString().contains("no allowed address");
            });
            assertThat(listener.all())
                    .as("nothing reached the listener through the new address")
                    .hasSize(1);
        } finally {
            REBOUND.set("127.0.0.1");
        }
    }

    @Test
    void events_written_concurrently_to_one_subscription_arrive_in_its_order() throws Exception {
        String org = org();
        TestListener listener = listener();
        register(org, listener.callback(), "type=subscription-devices.device.changed");
        String subscription = subscriptionIn(org);
        String device = devicesPath(org, subscription) + "/"
                + addTerminal(org, subscription).get("id").asString();
        ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int writer = w;
            writers.add(new Thread(() -> {
                for (int i = 0; i < 5; i++) {
                    statuses.add(api.patch(
                                    device,
                                    token(org),
                                    "[{\"op\":\"replace\",\"path\":\"/serial_number\",\"value\":\"W" + writer + "-" + i
                                            + "\"}]",
                                    Map.of())
                            .status());
                }
            }));
        }
        writers.forEach(Thread::start);
        for (Thread writer : writers) {
            writer.join();
        }
        assertThat(statuses).containsOnly(200);
        List<String> changes = eventIds(subscription).subList(2, 22);
        listener.awaitDelivered(20, Duration.ofSeconds(15));
        assertThat(listener.delivered().stream()
                        .map(TestListener.Received::eventId)
                        .toList())
                .isEqualTo(changes);
    }

    /**
     * Listeners of one org that keep up are at one position when an event comes: they share one read of the
     * hub's stream (metric {@code hub.stream.reads}) instead of each reading the same rows, and each still
     * gets every event, in order.
     */
    @Test
    void listeners_at_one_position_share_their_reads_of_the_stream_and_each_gets_every_event_in_order() {
        String org = org();
        List<TestListener> four = List.of(listener(), listener(), listener(), listener());
        four.forEach(listener -> register(org, listener.callback(), null));
        String subscription = subscriptionIn(org);
        four.forEach(listener -> listener.awaitDelivered(1, Duration.ofSeconds(10)));
        double database = streamReads("database");
        double shared = streamReads("shared");

        for (int i = 0; i < 10; i++) {
            addTerminal(org, subscription);
        }

        List<String> events = eventIds(subscription);
        assertThat(events).hasSize(11);
        for (TestListener listener : four) {
            listener.awaitDelivered(11, Duration.ofSeconds(15));
            assertThat(listener.delivered().stream()
                            .map(TestListener.Received::eventId)
                            .toList())
                    .isEqualTo(events);
        }
        double fromDatabase = streamReads("database") - database;
        double fromAnother = streamReads("shared") - shared;
        assertThat(fromDatabase).isGreaterThanOrEqualTo(1);
        // four listeners woken together by each append: most of their reads are another's
        assertThat(fromAnother)
                .as("reads shared, against %s from the database", fromDatabase)
                .isGreaterThan(fromDatabase);
    }

    private double streamReads(String source) {
        return meters.counter("hub.stream.reads", "source", source).count();
    }

    /**
     * The fan-out's own failure (here the database refusing one subscription's CloudEvents, through a
     * trigger): the event is a dead letter of group {@code hub}, that subscription's later events wait
     * behind it, in the same batch or a later one, while another subscription's events are delivered; a
     * retry delivers the waiting ones, in order.
     */
    @Test
    void an_event_the_fan_out_cannot_append_waits_with_its_subscriptions_later_events_until_retried()
            throws SQLException {
        String org = org();
        TestListener listener = listener();
        register(org, listener.callback(), null);
        String refused = subscriptionIn(org);
        String served = subscriptionIn(org);
        listener.awaitDelivered(2, Duration.ofSeconds(10));
        jdbc.sql("create table if not exists hub_test_refused (subscription_id varchar(255) primary key)")
                .update();
        jdbc.sql("create or replace function hub_test_refuse() returns trigger language plpgsql as $$ begin"
                        + " if exists (select 1 from hub_test_refused r where r.subscription_id = new.subscription_id)"
                        + " then raise exception 'refused by the test'; end if; return new; end $$")
                .update();
        jdbc.sql("create or replace trigger hub_test_refuse before insert on hub_event for each row"
                        + " execute function hub_test_refuse()")
                .update();
        try {
            jdbc.sql("insert into hub_test_refused values (?)").param(refused).update();
            // the fan-out waits for its append turn with one event, while three more are written: the
            // next batch holds the refused subscription's two events and the served one's
            try (Connection holding = dataSource.getConnection()) {
                holding.setAutoCommit(false);
                try (Statement lock = holding.createStatement()) {
                    lock.execute("select appends from hub_append_lock where id = 1 for update");
                }
                addTerminal(org, served);
                ServiceIT.eventually(
                        "the fan-out waits for its turn",
                        () -> jdbc.sql("select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                                                + " and query like 'update hub_append_lock%'")
                                        .query(Long.class)
                                        .single()
                                == 1);
                addTerminal(org, refused);
                addTerminal(org, refused);
                addTerminal(org, served);
                holding.rollback();
            }
            listener.awaitDelivered(4, Duration.ofSeconds(10));
            addTerminal(org, refused);
            String lastOfServed = addTerminal(org, served).get("id").asString();
            listener.await(
                    r -> r.json().path("subject").asString().equals("devices/" + lastOfServed), Duration.ofSeconds(10));

            List<JsonNode> letters = new ArrayList<>();
            api.get("/admin/dead-letters?processing_group=hub", token(org))
                    .json()
                    .forEach(letter -> {
                        if (letter.get("aggregate_id").asString().equals(refused)) {
                            letters.add(letter);
                        }
                    });
            List<String> refusedEvents = eventIds(refused);
            assertThat(letters.stream().map(l -> l.get("event_id").asString()).toList())
                    .as("the refused subscription's device events, in order")
                    .isEqualTo(refusedEvents.subList(1, 4));
            assertThat(letters.get(0).get("cause_message").asString()).contains("refused by the test");
            assertThat(letters.subList(1, 3))
                    .as("waiting behind the first, not tried")
                    .allSatisfy(letter ->
                            assertThat(letter.get("cause_type").isNull()).isTrue());
            assertThat(listener.delivered().stream()
                            .map(TestListener.Received::eventId)
                            .toList())
                    .as("the other subscription was served")
                    .containsAll(eventIds(served))
                    .doesNotContainAnyElementsOf(refusedEvents.subList(1, 4));

            jdbc.sql("delete from hub_test_refused").update();
            Api.Response retried =
                    api.post("/admin/dead-letters/" + letters.get(0).get("id").asString() + "/retry", token(org), "");
            assertThat(retried.json().get("outcome").asString())
                    .as(retried.toString())
                    .isEqualTo("PROCESSED");
            listener.awaitDelivered(eventIds(served).size() + refusedEvents.size(), Duration.ofSeconds(10));
            assertThat(listener.delivered().stream()
                            .map(TestListener.Received::eventId)
                            .filter(refusedEvents::contains)
                            .toList())
                    .as("the refused subscription's events, each once, in order")
                    .isEqualTo(refusedEvents);
        } finally {
            jdbc.sql("drop trigger if exists hub_test_refuse on hub_event").update();
            jdbc.sql("drop function if exists hub_test_refuse()").update();
            jdbc.sql("drop table if exists hub_test_refused").update();
        }
    }

    @Test
    void an_event_that_cannot_be_read_is_a_dead_letter_and_stops_no_delivery() {
        String org = org();
        TestListener listener = listener();
        register(org, listener.callback(), null);
        String served = subscriptionIn(org);
        listener.awaitDelivered(1, Duration.ofSeconds(10));
        // a registration whose stored payload is not JSON at all: no retry reads it better
        String unreadable = UUID.randomUUID().toString();
        String unreadableEvent = UUID.randomUUID().toString();
        storeUnreadableEvent(unreadable, unreadableEvent, SubscriptionCreated.class);

        String next = addTerminal(org, served).get("id").asString();

        listener.await(r -> r.json().path("subject").asString().equals("devices/" + next), Duration.ofSeconds(10));
        List<JsonNode> letters = new ArrayList<>();
        api.get("/admin/dead-letters?processing_group=hub", token(org)).json().forEach(letter -> {
            if (letter.get("event_id").asString().equals(unreadableEvent)) {
                letters.add(letter);
            }
        });
        assertThat(letters).as("the unreadable event, once").hasSize(1);
        assertThat(letters.get(0).get("aggregate_id").asString()).isEqualTo(unreadable);
        assertThat(letters.get(0).get("cause_message").asString()).containsIgnoringCase("deserializ");
    }

    /** The service's resolver with two names of this test's own. */
    static class Names {

        @Bean
        @Primary
        HostResolver testNames() {
            return host -> switch (host) {
                case "rebound.test" -> new InetAddress[] {InetAddress.getByName(REBOUND.get())};
                case "private.test" -> new InetAddress[] {InetAddress.getByName("10.9.9.9")};
                default -> {
                    if (host.endsWith(".test")) {
                        throw new UnknownHostException(host);
                    }
                    yield InetAddress.getAllByName(host);
                }
            };
        }
    }
}
