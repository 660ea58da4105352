package com.subscriptiondevices.command.hub.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.subscriptiondevices.command.hub.NotificationProperties;
import com.subscriptiondevices.command.hub.listener.CallbackPolicy;
import com.subscriptiondevices.command.hub.listener.HostResolver;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The delivery client against a real HTTP listener on loopback. */
class CallbackClientTest {

    private final AtomicInteger received = new AtomicInteger();
    private final AtomicInteger status = new AtomicInteger(204);
    private HttpServer listener;
    private CallbackClient client;

    @BeforeEach
    void start() throws IOException {
        listener = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        listener.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            received.incrementAndGet();
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        listener.start();
        NotificationProperties settings = new NotificationProperties(
                List.of("127.0.0.1"),
                Duration.ofSeconds(2),
                Duration.ofSeconds(5),
                new NotificationProperties.Retry(Duration.ofSeconds(1), Duration.ofMinutes(10), Duration.ofHours(24)),
                Duration.ofMillis(200),
                Duration.ofSeconds(10),
                8,
                200,
                true);
        client = new CallbackClient(settings, new CallbackPolicy(settings.allowedHosts(), HostResolver.system()));
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        listener.stop(0);
    }

    @Test
    void deliversAndLeavesNoFinishedAttemptsHardLimitBehind() {
        URI hook = URI.create("http://127.0.0.1:" + listener.getAddress().getPort() + "/hook");
        byte[] body = "{\"specversion\":\"1.0\"}".getBytes(StandardCharsets.UTF_8);

        for (int i = 0; i < 300; i++) {
            CallbackClient.Outcome outcome = client.post(hook, Map.of("ce-id", "event-" + i), body);
            assertThat(outcome.delivered())
                    .as("delivery %d: %s", i, outcome.describe())
                    .isTrue();
        }

        assertThat(received).hasValue(300);
        // each attempt's 8-second limit held its request, body included; a finished one must not linger
        assertThat(client.pendingDeadlines()).isZero();
    }

    @Test
    void listenersOnOneHostEachHaveTheirOwnConnections() throws Exception {
        // three listeners of one host, each sending as many subscriptions at once as it may (8), to a host
        // that answers only once all of them have arrived
        int concurrent = 3 * 8;
        CountDownLatch arrived = new CountDownLatch(concurrent);
        HttpServer slow = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ExecutorService handlers = Executors.newFixedThreadPool(concurrent);
        slow.setExecutor(handlers);
        slow.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            arrived.countDown();
            try {
                arrived.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        slow.start();
        ExecutorService senders = Executors.newFixedThreadPool(concurrent);
        try {
            List<Future<CallbackClient.Outcome>> outcomes = new ArrayList<>();
            for (int i = 0; i < concurrent; i++) {
                URI hook = URI.create("http://127.0.0.1:" + slow.getAddress().getPort() + "/hook/" + i % 3);
                outcomes.add(senders.submit(() -> client.post(hook, Map.of(), new byte[0])));
            }

            assertThat(arrived.await(4, TimeUnit.SECONDS))
                    .as("all %d requests at the host at once (%d arrived)", concurrent, concurrent - arrived.getCount())
                    .isTrue();
            for (Future<CallbackClient.Outcome> outcome : outcomes) {
                assertThat(outcome.get(10, TimeUnit.SECONDS).delivered()).isTrue();
            }
        } finally {
            senders.shutdownNow();
            slow.stop(0);
            handlers.shutdownNow();
        }
    }

    @Test
    void aRefusalIsTheListenersStatusAndNotADelivery() {
        status.set(503);
        URI hook = URI.create("http://127.0.0.1:" + listener.getAddress().getPort() + "/hook");

        CallbackClient.Outcome outcome = client.post(hook, Map.of(), new byte[0]);

        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.describe()).isEqualTo("HTTP 503");
        assertThat(client.pendingDeadlines()).isZero();
    }

    @Test
    void aClosedPortIsConnectionRefused() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }

        CallbackClient.Outcome outcome =
                client.post(URI.create("http://127.0.0.1:" + closed + "/hook"), Map.of(), new byte[0]);

        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.describe()).isEqualTo("connection refused");
        assertThat(client.pendingDeadlines()).isZero();
    }
}
