package com.subscriptiondevices.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.subscriptiondevices.SubscriptionDevicesApplication;
import com.subscriptiondevices.platform.security.DevTokens;
import com.subscriptiondevices.platform.security.Scopes;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.axonframework.updates.UpdateChecker;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The zero-setup default: no profile, the embedded H2 database (in a fresh folder instead of ./data),
 * dev tokens. It starts, migrates, and serves writes and reads; and, as its own process, it starts and
 * stops with clean logs.
 */
class EmbeddedDefaultIT {

    private static final Pattern LOG_LEVEL = Pattern.compile("^\\S+\\s+(TRACE|DEBUG|INFO|WARN|ERROR) ");

    @Test
    void the_default_starts_on_the_embedded_database_and_serves_writes_and_reads() throws Exception {
        Path folder = Files.createTempDirectory("embedded-default");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SubscriptionDevicesApplication.class)
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=jdbc:h2:file:" + folder.resolve("devices")
                                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
                                + ";DB_CLOSE_ON_EXIT=FALSE;TRACE_LEVEL_FILE=0")) {
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

    /**
     * Run as the README runs it (its own JVM, the default H2 database in ./data of its working folder,
     * stopped with SIGTERM): no warning at start-up, one INFO line for a client that hangs up, and an
     * orderly stop without an ERROR or a stack trace that leaves no .trace.db file.
     */
    @Test
    void the_default_starts_and_stops_with_clean_logs_and_no_trace_file() throws Exception {
        Path folder = Files.createTempDirectory("embedded-default-logs");
        Path log = folder.resolve("service.log");
        Process service = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElse("java"),
                        "-XX:+UseSerialGC",
                        "-Xmx256m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        SubscriptionDevicesApplication.class.getName(),
                        "--server.port=0")
                .directory(folder.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            int port = awaitPort(log, service);
            String token = Files.readAllLines(log).stream()
                    .filter(line -> line.contains("export TOKEN="))
                    .map(line -> line.substring(line.indexOf('=') + 1).trim())
                    .findFirst()
                    .orElseThrow();
            Api api = new Api(port);
            Api.Response subscription = api.post("/v2/orgs/yoigo/subscriptions", token, "{\"legacy_account_id\": 1}");
            assertThat(subscription.status()).isEqualTo(201);
            String devices = "/v2/orgs/yoigo/subscriptions/"
                    + subscription.json().get("id").asString() + "/devices";
            assertThat(api.post(devices, token, Fixtures.terminal(Fixtures.mac(), "S"))
                            .status())
                    .isEqualTo(201);
            hangUpWhileSending(port, token, devices);
        } finally {
            service.destroy();
            assertThat(service.waitFor(60, TimeUnit.SECONDS))
                    .as("stopped within a minute")
                    .isTrue();
        }

        List<String> lines = Files.readAllLines(log);
        assertThat(lines).as("started").anyMatch(line -> line.contains("Started SubscriptionDevicesApplication"));
        assertThat(lines)
                .as("stopped in order: the pool closes last")
                .anyMatch(line -> line.contains("HikariPool-1 - Shutdown completed"));
        assertThat(lines.stream()
                        .filter(line ->
                                level(line).equals("ERROR") || level(line).equals("WARN")))
                .as("no warning or error from start to stop")
                .isEmpty();
        assertThat(lines)
                .as("no stack trace")
                .noneMatch(line -> line.startsWith("\tat ") || line.startsWith("Caused by"));
        assertThat(lines.stream().filter(line -> line.contains("The client went away")))
                .as("a client that hangs up is one line")
                .singleElement()
                .satisfies(line -> assertThat(level(line)).isEqualTo("INFO"));
        assertThat(folder.resolve("data/subscription-devices.mv.db")).exists();
        try (Stream<Path> files = Files.walk(folder)) {
            assertThat(files.map(Path::toString)).noneMatch(name -> name.endsWith(".trace.db"));
        }
    }

    /** Sends a request's head and part of its body, then resets the connection. */
    private static void hangUpWhileSending(int port, String token, String path) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream()
                    .write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                                    + "\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n"
                                    + "{\"catalogue_commercial_device_id\": \"")
                            .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            Thread.sleep(500);
            socket.setSoLinger(true, 0);
        }
        Thread.sleep(1000);
    }

    private static int awaitPort(Path log, Process service) throws Exception {
        Pattern started = Pattern.compile("Tomcat started on port (\\d+)");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && service.isAlive()) {
            for (String line : Files.readAllLines(log)) {
                Matcher matcher = started.matcher(line);
                if (matcher.find()) {
                    Thread.sleep(500); // the dev token is printed just after the start
                    return Integer.parseInt(matcher.group(1));
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("The service did not start:\n" + Files.readString(log));
    }

    private static String level(String line) {
        Matcher matcher = LOG_LEVEL.matcher(line);
        return matcher.find() ? matcher.group(1) : "";
    }
}
