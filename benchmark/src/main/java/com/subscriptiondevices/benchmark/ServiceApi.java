package com.subscriptiondevices.benchmark;

import java.time.Duration;
import tools.jackson.databind.JsonNode;

/** The set-up and operations calls the suite makes, with an all-scopes token; none is measured. */
final class ServiceApi {

    private final Http http;

    ServiceApi(String base, String token) {
        this.http = new Http(base, token);
    }

    String createSubscription() {
        return http.expect(
                        http.post("/v2/orgs/" + Options.ORG + "/subscriptions", "{\"legacy_account_id\": 4711}"), 201)
                .get("id")
                .asString();
    }

    String addDevice(String subscriptionId) {
        return http.expect(
                        http.post(
                                "/v2/orgs/" + Options.ORG + "/subscriptions/" + subscriptionId + "/devices",
                                Workloads.terminal(null)),
                        201)
                .get("id")
                .asString();
    }

    JsonNode device(String subscriptionId, String deviceId) {
        return http.expect(
                http.get("/v2/orgs/" + Options.ORG + "/subscriptions/" + subscriptionId + "/devices/" + deviceId), 200);
    }

    JsonNode projections() {
        return http.expect(http.get("/admin/projections"), 200);
    }

    /** Rebuilds a read model and waits for it to finish; returns its rebuild status as the service reports it. */
    JsonNode rebuild(String name, Duration timeout) throws InterruptedException {
        http.expect(http.post("/admin/projections/" + name + "/rebuild", ""), 202);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Thread.sleep(250);
            for (JsonNode projection : projections()) {
                if (projection.get("name").asString().equals(name)) {
                    JsonNode rebuild = projection.get("rebuild");
                    String status = rebuild.get("status").asString();
                    if (status.equals("DONE")) {
                        return rebuild;
                    }
                    if (status.equals("FAILED")) {
                        throw new IllegalStateException("The rebuild of " + name + " failed: " + rebuild);
                    }
                }
            }
        }
        throw new IllegalStateException("The rebuild of " + name + " did not finish within " + timeout);
    }
}
