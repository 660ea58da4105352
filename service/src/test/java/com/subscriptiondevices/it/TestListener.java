package com.subscriptiondevices.it;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import java.util.function.Predicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import tools.jackson.databind.JsonNode;

/**
 * A real HTTP listener for the hub's deliveries (okhttp's MockWebServer on 127.0.0.1): it records every
 * request with the instant it arrived, and answers each with the status its script gives (200 by default).
 */
final class TestListener implements AutoCloseable {

    /** One request as it arrived. */
    record Received(
            Instant at, String id, String timestamp, String signature, String contentType, String body, int answered) {

        JsonNode json() {
            return Api.JSON.readTree(body);
        }

        String type() {
            return json().get("type").asString();
        }

        String eventId() {
            return json().get("id").asString();
        }

        boolean delivered() {
            return answered >= 200 && answered < 300;
        }

        /** The Standard Webhooks signature, checked here with the JDK alone. */
        boolean signedWith(String secret) {
            try {
                byte[] key = secret.startsWith("whsec_")
                        ? Base64.getDecoder().decode(secret.substring("whsec_".length()))
                        : secret.getBytes(StandardCharsets.UTF_8);
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                byte[] expected = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
                return signature.equals("v1," + Base64.getEncoder().encodeToString(expected));
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final MockWebServer server = new MockWebServer();
    private final List<Received> received = new ArrayList<>();
    private final AtomicInteger count = new AtomicInteger();
    private volatile IntUnaryOperator script = n -> 200;

    TestListener() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                int status = script.applyAsInt(count.getAndIncrement());
                Received got = new Received(
                        Instant.now(),
                        request.getHeaders().get("webhook-id"),
                        request.getHeaders().get("webhook-timestamp"),
                        request.getHeaders().get("webhook-signature"),
                        request.getHeaders().get("Content-Type"),
                        request.getBody() == null ? "" : request.getBody().utf8(),
                        status);
                synchronized (received) {
                    received.add(got);
                    received.notifyAll();
                }
                return new MockResponse.Builder().code(status).build();
            }
        });
        try {
            server.start(InetAddress.getByName("127.0.0.1"), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Answers the n-th request (from 0) with the script's status. */
    TestListener answering(IntUnaryOperator script) {
        this.script = script;
        return this;
    }

    String callback() {
        return "http://127.0.0.1:" + server.getPort() + "/hooks/devices";
    }

    int port() {
        return server.getPort();
    }

    List<Received> all() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    List<Received> delivered() {
        return all().stream().filter(Received::delivered).toList();
    }

    /** The event ids in the order they first arrived (a redelivery after a failure is not counted again). */
    List<String> firstArrivals(Predicate<Received> which) {
        Set<String> ids = new LinkedHashSet<>();
        all().stream().filter(which).forEach(r -> ids.add(r.eventId()));
        return new ArrayList<>(ids);
    }

    /** Waits until at least {@code n} requests answered 2xx; fails after {@code within}. */
    List<Received> awaitDelivered(int n, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        synchronized (received) {
            while (received.stream().filter(Received::delivered).count() < n) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("Only "
                            + received.stream().filter(Received::delivered).count() + " of " + n + " deliveries within "
                            + within + ": " + received);
                }
                try {
                    received.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
        return delivered();
    }

    /** Waits until a request arrives that matches; fails after {@code within}. */
    Received await(Predicate<Received> which, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        synchronized (received) {
            while (true) {
                for (Received r : received) {
                    if (which.test(r)) {
                        return r;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("No such request within " + within + ": " + received);
                }
                try {
                    received.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
