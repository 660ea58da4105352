package com.subscriptiondevices.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.subscriptiondevices.platform.security.DevTokens;
import com.subscriptiondevices.platform.security.Scopes;
import com.subscriptiondevices.platform.testing.TestDatabases;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The service, run as its own process from the built jar, killed with SIGKILL while clients write and
 * SIM replacements are under way, then started again: every write it acknowledged is there in V2 and
 * V1, every replacement it accepted completes, nothing is dead-lettered, and both read models equal a
 * replay of the event store.
 */
class ProcessKillIT {

    private static final String SECRET = "process-kill-secret-0123456789abcdef";
    private static final String ORG = "yoigo";
    private static final int KILLS = 2;

    private final DevTokens tokens = new DevTokens(SECRET);
    private final String token = tokens.mint(
            "u",
            "agent@shop.example",
            List.of(ORG),
            List.of(Scopes.READ, Scopes.WRITE, Scopes.SECRETS, Scopes.ADMIN),
            Duration.ofMinutes(30));

    private record Written(String path, String v1Path, String serial) {}

    private record Replacement(String v1Path) {}

    @Test
    void killed_with_sigkill_while_writing_it_loses_nothing_it_acknowledged_and_finishes_every_replacement()
            throws Exception {
        Path jar = Path.of("target", "subscription-devices.jar");
        assertThat(jar).as("the service jar, built by the package phase").exists();
        String database = TestDatabases.dedicated("killed");
        int port = freePort();
        Path log = Files.createTempFile("process-kill", ".log");
        ConcurrentLinkedQueue<Written> acknowledged = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Replacement> replacements = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        Api api = new Api(port);

        Process service = start(jar, database, port, log);
        try {
            for (int kill = 1; kill <= KILLS; kill++) {
                AtomicBoolean writing = new AtomicBoolean(true);
                List<Thread> clients = new ArrayList<>();
                for (int c = 0; c < 4; c++) {
                    String subscription = subscription(api);
                    boolean replacing = c == 0;
                    Thread client = new Thread(() -> {
                        while (writing.get()) {
                            try {
                                if (replacing) {
                                    replaceASim(api, subscription, replacements, failures);
                                } else {
                                    addADevice(api, subscription, acknowledged, failures);
                                }
                            } catch (IllegalStateException connectionLost) {
                                // the process died under this request: its outcome is not known to the client
                            }
                        }
                    });
                    client.start();
                    clients.add(client);
                }
                LockSupport.parkNanos(Duration.ofSeconds(3).toNanos());
                service.destroyForcibly().waitFor();
                writing.set(false);
                for (Thread client : clients) {
                    client.join();
                }
                service = start(jar, database, port, log);
            }

            assertThat(failures).as("answers while the service ran").isEmpty();
            assertThat(acknowledged).as("writes acknowledged").isNotEmpty();
            for (Written written : acknowledged) {
                Api.Response v2 = api.get(written.path(), token);
                assertThat(v2.status())
                        .as("acknowledged before a kill: " + written)
                        .isEqualTo(200);
                assertThat(v2.json().get("serial_number").asString()).isEqualTo(written.serial());
                assertThat(api.get(written.v1Path(), token)
                                .json()
                                .get("device_additional_details")
                                .get("serial_number")
                                .asString())
                        .isEqualTo(written.serial());
            }
            assertThat(replacements).as("replacements accepted").isNotEmpty();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            for (Replacement replacement : replacements) {
                while (!status(api, replacement).equals("PROCESSED")) {
                    assertThat(System.nanoTime())
                            .as("completed after the restarts: " + replacement)
                            .isLessThan(deadline);
                    LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
                }
            }
            assertThat(api.get("/admin/dead-letters", token).json()).isEmpty();
            for (String model : List.of("device-projection", "v1-device-projection", "sim-swap-projection")) {
                JsonNode verified = api.get("/admin/projections/" + model + "/verify", token)
                        .json();
                assertThat(verified.get("differing").asLong())
                        .as(model + " equals a replay: " + verified)
                        .isZero();
            }
            System.out.printf(
                    "Killed %d times with SIGKILL: %d acknowledged writes and %d accepted replacements all there%n",
                    KILLS, acknowledged.size(), replacements.size());
        } finally {
            service.destroyForcibly().waitFor();
        }
    }

    private void addADevice(
            Api api,
            String subscription,
            ConcurrentLinkedQueue<Written> acknowledged,
            ConcurrentLinkedQueue<String> failures) {
        String id = UUID.randomUUID().toString();
        String serial = "K-" + id;
        Api.Response added = api.post(
                devicesPath(subscription),
                token,
                Fixtures.terminal(Fixtures.mac(), serial).replaceFirst("\\{", "{\"id\": \"" + id + "\", "));
        if (added.status() == 201) {
            acknowledged.add(new Written(
                    devicesPath(subscription) + "/" + id,
                    "/v1/orgs/" + ORG + "/subscriptions/" + subscription + "/devices/"
                            + added.json().get("legacy_id").asLong(),
                    serial));
        } else if (added.status() != 503) {
            failures.add("POST answered " + added);
        }
    }

    /** Adds a SIM and asks for its replacement; remembers the replacement when it was accepted. */
    private void replaceASim(
            Api api,
            String subscription,
            ConcurrentLinkedQueue<Replacement> replacements,
            ConcurrentLinkedQueue<String> failures) {
        String iccid = Fixtures.iccid();
        String imsi = Fixtures.imsi();
        Api.Response sim = api.post(devicesPath(subscription), token, Fixtures.sim(iccid, imsi));
        if (sim.status() != 201) {
            return;
        }
        String v1Path = "/v1/orgs/" + ORG + "/subscriptions/" + subscription + "/devices/"
                + sim.json().get("legacy_id").asLong();
        Api.Response accepted = api.post(
                v1Path + "/replacement", token, ServiceIT.replacement(iccid, imsi, Fixtures.iccid(), Fixtures.imsi()));
        if (accepted.status() == 202) {
            replacements.add(new Replacement(v1Path));
        } else if (accepted.status() != 503) {
            failures.add("replacement answered " + accepted);
        }
    }

    private String status(Api api, Replacement replacement) {
        Api.Response read = api.get(replacement.v1Path() + "?only_active=false", token);
        return read.status() == 200
                ? read.json()
                        .get("subscription_device_change_requests")
                        .get(0)
                        .get("status")
                        .asString()
                : "UNREADABLE";
    }

    private String subscription(Api api) {
        Api.Response created = api.post("/v2/orgs/" + ORG + "/subscriptions", token, "{\"legacy_account_id\": 4711}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    private static String devicesPath(String subscription) {
        return "/v2/orgs/" + ORG + "/subscriptions/" + subscription + "/devices";
    }

    private static Process start(Path jar, String database, int port, Path log) throws IOException {
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:+UseSerialGC",
                        "-Xmx256m",
                        "-jar",
                        jar.toString(),
                        "--spring.profiles.active=postgres",
                        "--spring.datasource.url=" + database,
                        "--spring.datasource.username=" + TestDatabases.user(),
                        "--server.port=" + port,
                        "--devices.security.dev-jwt-secret=" + SECRET,
                        "--devices.provisioning.simulated.delay=300ms",
                        "--devices.provisioning.retry-interval=2s",
                        "--devices.deadlines.polling-interval=200ms")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        Api api = new Api(port);
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            try {
                if (api.get("/actuator/health/readiness", null).status() == 200) {
                    return process;
                }
            } catch (IllegalStateException notListening) {
                // not yet
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("The service did not get ready; its log: " + log.toFile());
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
