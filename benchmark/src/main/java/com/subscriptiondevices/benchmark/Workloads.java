package com.subscriptiondevices.benchmark;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * What each client of a scenario sends, one request per call. Each client has its own connection;
 * reads pick their target at random from the dataset's sample on every request.
 */
final class Workloads {

    /** Opens a client's connection with a token (or none). */
    @FunctionalInterface
    interface Clients {
        LoadClient open(String token);
    }

    private Workloads() {}

    static IntFunction<ClosedLoop.Call> constant(Clients clients) {
        return client -> ClosedLoop.Call.on(clients.open(null), http -> expect(200, http.get("/bench/constant")));
    }

    static IntFunction<ClosedLoop.Call> getDevice(Clients clients, String token, Dataset dataset) {
        return client -> ClosedLoop.Call.on(clients.open(token), http -> {
            int i = ThreadLocalRandom.current().nextInt(dataset.size());
            return expect(
                    200,
                    http.get("/v2/orgs/" + Options.ORG + "/subscriptions/" + dataset.subscriptionIds.get(i)
                            + "/devices/" + dataset.deviceIds.get(i)));
        });
    }

    static IntFunction<ClosedLoop.Call> devicesByMac(Clients clients, String token, Dataset dataset) {
        return client -> ClosedLoop.Call.on(clients.open(token), http -> {
            int i = ThreadLocalRandom.current().nextInt(dataset.size());
            return expect(
                    200, http.get("/v2/orgs/" + Options.ORG + "/devices?mac_address=" + dataset.macAddresses.get(i)));
        });
    }

    static IntFunction<ClosedLoop.Call> v1List(Clients clients, String token, Dataset dataset) {
        return client -> ClosedLoop.Call.on(clients.open(token), http -> {
            int i = ThreadLocalRandom.current().nextInt(dataset.size());
            return expect(
                    200,
                    http.get("/v1/orgs/" + Options.ORG + "/subscriptions/" + dataset.subscriptionLegacyIds.get(i)
                            + "/devices?only_active=false"));
        });
    }

    /** A bank's fraud check before it trusts an SMS code: did this number's SIM change in the last 240 hours? */
    static IntFunction<ClosedLoop.Call> simSwapCheck(Clients clients, String token, Dataset dataset) {
        return client -> ClosedLoop.Call.on(clients.open(token), http -> {
            int i = ThreadLocalRandom.current().nextInt(dataset.size());
            return expect(
                    200,
                    http.post(
                            "/sim-swap/v2/check",
                            "{\"phoneNumber\": \"" + dataset.msisdns.get(i) + "\", \"maxAge\": 240}"));
        });
    }

    /** Client i adds devices to subscription i only: no two clients ever write to one aggregate. */
    static IntFunction<ClosedLoop.Call> addDevice(Clients clients, String token, List<String> subscriptionIds) {
        return client -> {
            String path = "/v2/orgs/" + Options.ORG + "/subscriptions/" + subscriptionIds.get(client) + "/devices";
            return ClosedLoop.Call.on(clients.open(token), http -> expect(201, http.post(path, terminal(null))));
        };
    }

    /** One client changing one device's serial number, again and again: one aggregate's history grows. */
    static IntFunction<ClosedLoop.Call> patchHotDevice(
            Clients clients, String token, String subscriptionId, String deviceId) {
        AtomicLong version = new AtomicLong();
        String path = "/v2/orgs/" + Options.ORG + "/subscriptions/" + subscriptionId + "/devices/" + deviceId;
        return client -> ClosedLoop.Call.on(
                clients.open(token),
                http -> expect(
                        200,
                        http.patch(
                                path,
                                "[{\"op\":\"replace\",\"path\":\"/serial_number\",\"value\":\"HOT-"
                                        + version.incrementAndGet() + "\"}]")));
    }

    /** A router as a shop adds it: the same body as the service's own tests use. */
    static String terminal(String id) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String mac = String.format(
                Locale.ROOT,
                "%02X:%02X:%02X:%02X:%02X:%02X",
                random.nextInt(256),
                random.nextInt(256),
                random.nextInt(256),
                random.nextInt(256),
                random.nextInt(256),
                random.nextInt(256));
        String serial = "BENCH-" + UUID.randomUUID();
        return """
                {%s"catalogue_commercial_device_id": "ROUTER-X1", "legacy_account_id": 4711,
                 "mac_address": "%s", "serial_number": "%s", "imei": "49-015420-323751-8",
                 "acquisition_type": "FINANCED", "insurable_amount": 199.90,
                 "in_store_delivery_date": "2026-01-15T10:00:00+01:00",
                 "manufacturing_info": {"id_type": "SERIAL_NUMBER", "id": "%s"},
                 "commitments": [{"legacy_id": 9, "expiration_date": "2027-01-15T00:00:00Z"}]}"""
                .formatted(id == null ? "" : "\"id\": \"" + id + "\", ", mac, serial, serial);
    }

    private static String expect(int expected, int status) {
        return status == expected ? null : "HTTP " + status + " (expected " + expected + ")";
    }
}
