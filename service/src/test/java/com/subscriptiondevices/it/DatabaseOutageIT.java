package com.subscriptiondevices.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.subscriptiondevices.platform.security.Scopes;
import com.subscriptiondevices.platform.testing.TestDatabases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The database becomes unreachable (a proxy in front of PostgreSQL cuts every connection and refuses
 * new ones; the shared server keeps running): writes and reads answer 503 in the family's body within a
 * few seconds, and store nothing; readiness is 503 within 5 s; everything recovers by itself once the
 * database is back.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DatabaseOutageIT extends ServiceIT {

    private static final Duration A_FEW_SECONDS = Duration.ofSeconds(5);
    private static final Matcher DATABASE =
            Pattern.compile("jdbc:postgresql://([^:/]+)(?::(\\d+))?/(.+)").matcher(TestDatabases.dedicated("outage"));
    private static final TcpProxy PROXY = proxy();

    @DynamicPropertySource
    static void throughTheProxy(DynamicPropertyRegistry properties) {
        properties.add(
                "spring.datasource.url", () -> "jdbc:postgresql://127.0.0.1:" + PROXY.port() + "/" + DATABASE.group(3));
    }

    @AfterAll
    static void closeProxy() throws IOException {
        PROXY.close();
    }

    @Test
    void while_the_database_is_unreachable_every_call_answers_503_at_once_and_all_recovers_by_itself()
            throws IOException {
        String subscription = subscription(ORG);
        String device = addTerminal(subscription);
        String devicePath = devicesPath(ORG, subscription) + "/" + device;
        String legacyId =
                api.get(devicePath, fullToken()).json().get("legacy_id").asString();
        String newDevice = UUID.randomUUID().toString();
        String newDeviceBody = Fixtures.terminal(Fixtures.mac(), "AFTER-OUTAGE")
                .replaceFirst("\\{", "{\"id\": \"" + newDevice + "\", ");

        PROXY.cut();
        long cutAt = System.nanoTime();
        try {
            eventuallyWithin(
                    "readiness is 503",
                    A_FEW_SECONDS.minusNanos(System.nanoTime() - cutAt),
                    () -> api.get("/actuator/health/readiness", null).status() == 503);
            assertThat(api.get("/actuator/health/liveness", null).status())
                    .as("the process itself is alive")
                    .isEqualTo(200);

            Api.Response write = timed(() -> api.post(devicesPath(ORG, subscription), fullToken(), newDeviceBody));
            assertThat(write.status()).as(write.toString()).isEqualTo(503);
            assertThat(write.errorCode()).isEqualTo("SERVICE_UNAVAILABLE");

            Api.Response patch = timed(() -> api.patch(
                    devicePath,
                    fullToken(),
                    "[{\"op\":\"replace\",\"path\":\"/serial_number\",\"value\":\"X\"}]",
                    java.util.Map.of()));
            assertThat(patch.status()).as(patch.toString()).isEqualTo(503);

            Api.Response read = timed(() -> api.get(devicePath, fullToken()));
            assertThat(read.status()).as(read.toString()).isEqualTo(503);
            assertThat(read.errorCode()).isEqualTo("SERVICE_UNAVAILABLE");

            Api.Response v1 = timed(() ->
                    api.get("/v1/orgs/yoigo/subscriptions/" + subscription + "/devices/" + legacyId, fullToken()));
            assertThat(v1.status()).as(v1.toString()).isEqualTo(503);
            assertThat(v1.json().get("errors").get(0).get("code").asString()).isEqualTo("SERVICE_UNAVAILABLE");

        } finally {
            PROXY.restore();
        }

        eventually(
                "readiness is 200 again",
                () -> api.get("/actuator/health/readiness", null).status() == 200);
        eventually("reads answer again", () -> api.get(devicePath, fullToken()).status() == 200);
        assertThat(api.get(devicePath, fullToken()).json().get("serial_number").asString())
                .as("the refused patch changed nothing")
                .isEqualTo("S");
        assertThat(api.get(devicesPath(ORG, subscription) + "/" + newDevice, fullToken())
                        .status())
                .as("the refused write stored nothing")
                .isEqualTo(404);
        Api.Response again = api.post(devicesPath(ORG, subscription), fullToken(), newDeviceBody);
        assertThat(again.status()).as(again.toString()).isEqualTo(201);
        assertThat(api.get("/admin/projections/device-projection/verify", token(Scopes.ADMIN))
                        .json()
                        .get("differing")
                        .asLong())
                .isZero();
    }

    /** Calls the service and checks it answered within a few seconds. */
    private static Api.Response timed(java.util.function.Supplier<Api.Response> call) {
        long start = System.nanoTime();
        Api.Response response = call.get();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).as("answered within a few seconds: " + response).isLessThan(A_FEW_SECONDS);
        return response;
    }

    private static void eventuallyWithin(String what, Duration within, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + Math.max(0, within.toNanos());
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not within " + within + ": " + what);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(100_000_000);
        }
    }

    private static TcpProxy proxy() {
        if (!DATABASE.matches()) {
            throw new IllegalStateException("Not a PostgreSQL URL: " + TestDatabases.dedicated("outage"));
        }
        try {
            return new TcpProxy(
                    DATABASE.group(1), DATABASE.group(2) == null ? 5432 : Integer.parseInt(DATABASE.group(2)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
