package com.subscriptiondevices.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.subscriptiondevices.SubscriptionDevicesApplication;
import com.subscriptiondevices.platform.security.DevTokens;
import com.subscriptiondevices.platform.security.Scopes;
import com.subscriptiondevices.platform.testing.TestDatabases;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;

/**
 * The whole service on a real PostgreSQL, called over HTTP with tokens signed like dev tokens. The
 * subclass chooses the database (see {@link TestDatabases}).
 */
@SpringBootTest(
        classes = SubscriptionDevicesApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "devices.security.dev-jwt-secret=" + ServiceIT.SECRET,
            "devices.web.max-body-size=16KB",
            "spring.datasource.hikari.maximum-pool-size=8",
            "devices.provisioning.simulated.delay=300ms",
            "devices.provisioning.retry-interval=5s",
            "devices.provisioning.timeout=60s",
            "devices.deadlines.polling-interval=100ms"
        })
@ActiveProfiles("postgres")
abstract class ServiceIT {

    static final String SECRET = "integration-tests-secret-0123456789abcdef";
    /** The simulated network refuses to swap to this ICCID (a new one every run). */
    static final String REFUSED_ICCID = Fixtures.iccid();

    static final String ORG = "yoigo";
    static final String OTHER_ORG = "masmovil";

    @LocalServerPort
    int port;

    @Autowired
    DevTokens tokens;

    @Autowired
    JdbcClient jdbc;

    /** The service's clock bean, which the SIM swap tests move. */
    @TestBean(name = "clock", methodName = "movableClock")
    Clock clock;

    Api api;

    @DynamicPropertySource
    static void refusals(DynamicPropertyRegistry properties) {
        properties.add("devices.provisioning.simulated.reject-iccids", () -> REFUSED_ICCID);
        properties.add("spring.datasource.username", TestDatabases::user);
    }

    @BeforeEach
    void connect() {
        api = new Api(port);
    }

    @AfterEach
    void realTime() {
        movable().reset();
    }

    static Clock movableClock() {
        return new MovableClock();
    }

    MovableClock movable() {
        return (MovableClock) clock;
    }

    /** A real user's token for both test orgs with the given scopes. */
    String token(String... scopes) {
        return tokens.mint(
                "user-1", "agent@shop.example", List.of(ORG, OTHER_ORG), List.of(scopes), Duration.ofMinutes(10));
    }

    String fullToken() {
        return token(Scopes.READ, Scopes.WRITE, Scopes.SECRETS);
    }

    /** Registers a subscription in the org and returns its id. */
    String subscription(String org) {
        Api.Response created =
                api.post("/v2/orgs/" + org + "/subscriptions", fullToken(), "{\"legacy_account_id\": 4711}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    /** Adds a terminal with serial number "S" to a subscription of {@link #ORG} and returns its id. */
    String addTerminal(String subscriptionId) {
        Api.Response added =
                api.post(devicesPath(ORG, subscriptionId), fullToken(), Fixtures.terminal(Fixtures.mac(), "S"));
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        return added.json().get("id").asString();
    }

    String devicesPath(String org, String subscriptionId) {
        return "/v2/orgs/" + org + "/subscriptions/" + subscriptionId + "/devices";
    }

    /**
     * Stores, as the first event of a new aggregate, an event of the given type whose payload is not JSON at
     * all (bytes AB AB): no consumer reads it, now or on a retry.
     */
    void storeUnreadableEvent(String aggregateId, String eventId, Class<?> payloadType) {
        jdbc.sql(
                        "insert into domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier,"
                                + " metadata, payload, payloadrevision, payloadtype, timestamp)"
                                + " values (?, 0, 'Subscription', ?, convert_to('{}', 'UTF8'), decode('abab', 'hex'), null, ?, ?)")
                .params(
                        aggregateId,
                        eventId,
                        payloadType.getName(),
                        java.time.Instant.now().toString())
                .update();
    }

    /** Waits (up to 15 s) until the condition holds; the network answers asynchronously. */
    static void eventually(String what, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not within 15 s: " + what);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(50_000_000);
        }
    }

    List<String> eventTypes(String subscriptionId) {
        return jdbc
                .sql("select payloadtype from domainevententry where aggregateidentifier = ? order by sequencenumber")
                .param(subscriptionId)
                .query(String.class)
                .list()
                .stream()
                .map(type -> type.substring(type.lastIndexOf('.') + 1))
                .toList();
    }

    long eventCount(String subscriptionId) {
        return jdbc.sql("select count(*) from domainevententry where aggregateidentifier = ?")
                .param(subscriptionId)
                .query(Long.class)
                .single();
    }

    String lastEventPayload(String subscriptionId) {
        return lastEventColumn(subscriptionId, "payload");
    }

    String lastEventMetadata(String subscriptionId) {
        return lastEventColumn(subscriptionId, "metadata");
    }

    private String lastEventColumn(String subscriptionId, String column) {
        return jdbc.sql("select convert_from(" + column + ", 'UTF8') from domainevententry"
                        + " where aggregateidentifier = ? order by sequencenumber desc limit 1")
                .param(subscriptionId)
                .query(String.class)
                .single();
    }

    /** A SIM device and the V1 path that names it by integer ids. */
    record Sim(String subscriptionId, String deviceId, String v1Path, String iccid, String imsi) {

        String v2Path() {
            return "/v2/orgs/yoigo/subscriptions/" + subscriptionId + "/devices/" + deviceId;
        }
    }

    /** A subscription of {@link #ORG} with a SIM device. */
    Sim sim() {
        Api.Response subscription =
                api.post("/v2/orgs/yoigo/subscriptions", fullToken(), "{\"legacy_account_id\": 4711}");
        String iccid = Fixtures.iccid();
        String imsi = Fixtures.imsi();
        String subscriptionId = subscription.json().get("id").asString();
        Api.Response device = api.post(devicesPath(ORG, subscriptionId), fullToken(), Fixtures.sim(iccid, imsi));
        assertThat(device.status()).isEqualTo(201);
        String v1Path = "/v1/orgs/yoigo/subscriptions/"
                + subscription.json().get("legacy_id").asLong() + "/devices/"
                + device.json().get("legacy_id").asLong();
        return new Sim(subscriptionId, device.json().get("id").asString(), v1Path, iccid, imsi);
    }

    static String replacement(String iccid, String imsi, String newIccid, String newImsi) {
        return """
                {"category": "SIM", "change_reason": "sim lost",
                 "subscription_device_change_request": {"fabrication_type": "eSIM", "signature_process_id": "sig-1",
                   "signature_type": "PAPER", "iccid": %s, "imsi": %s, "new_iccid": "%s", "new_imsi": "%s"}}"""
                .formatted(iccid, imsi, newIccid, newImsi);
    }

    /** Asks for a replacement of the SIM by {@code newIccid}. */
    Api.Response replace(Sim sim, String newIccid) {
        return api.post(
                sim.v1Path() + "/replacement",
                fullToken(),
                replacement(sim.iccid(), sim.imsi(), newIccid, Fixtures.imsi()));
    }
}
