package com.subscriptiondevices.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.subscriptiondevices.platform.security.Scopes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The V1 SIM replacement through HTTP on PostgreSQL, with the simulated network answering in 300 ms. */
class SimReplacementIT extends PostgresIT {

    @Test
    void a_replacement_is_accepted_and_the_network_swaps_the_sim() {
        Sim sim = sim();
        String newIccid = Fixtures.iccid();

        Api.Response accepted = replace(sim, newIccid);

        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        assertThat(accepted.body()).isEmpty();
        assertThat(accepted.header("Location")).isEqualTo(sim.v1Path());
        assertThat(eventTypes(sim.subscriptionId())).contains("SimReplacementRequested");
        JsonNode recorded = api.get(sim.v1Path() + "?only_active=false", fullToken())
                .json()
                .get("subscription_device_change_requests")
                .get(0);
        assertThat(recorded.get("status").asString()).as("visible at once").isIn("PENDING", "PROCESSED");
        assertThat(recorded.get("new_iccid").asString()).isEqualTo(newIccid);
        assertThat(recorded.get("user_name").asString()).isEqualTo("agent@shop.example");
        assertThat(recorded.get("change_reason").asString()).isEqualTo("sim lost");
        assertThat(requestMetadata(sim.subscriptionId())).contains("\"userName\":\"agent@shop.example\"");

        eventually("the SIM is swapped", () -> api.get(sim.v2Path(), fullToken())
                .json()
                .get("device_additional_details")
                .get("iccid")
                .asString()
                .equals(newIccid));
        Api.Response device = api.get(sim.v2Path(), fullToken());
        JsonNode details = device.json().get("device_additional_details");
        assertThat(details.get("pin").asString()).matches("\\d{4}").isNotEqualTo("0123");
        assertThat(details.get("puk").asString()).matches("\\d{8}");
        assertThat(device.header("ETag")).isEqualTo("\"2\"");
        assertThat(eventTypes(sim.subscriptionId())).endsWith("SimReplaced");
        JsonNode processed = api.get(sim.v1Path() + "?only_active=false", fullToken())
                .json()
                .get("subscription_device_change_requests")
                .get(0);
        assertThat(processed.get("status").asString()).isEqualTo("PROCESSED");
        assertThat(processed.get("processed_date").isNull()).isFalse();
        assertThat(api.get(sim.v1Path(), fullToken())
                        .json()
                        .get("device_additional_details")
                        .get("iccid")
                        .asString())
                .isEqualTo(newIccid);

        // the old SIM belongs to no device any more
        assertThat(api.post(
                                devicesPath(ORG, subscription(ORG)),
                                fullToken(),
                                Fixtures.sim(sim.iccid(), Fixtures.imsi()))
                        .status())
                .isEqualTo(201);
    }

    @Test
    void a_refusal_by_the_network_rejects_the_replacement_and_the_device_keeps_its_sim() {
        Sim sim = sim();

        assertThat(replace(sim, REFUSED_ICCID).status()).isEqualTo(202);

        eventually("the replacement is rejected", () -> eventTypes(sim.subscriptionId())
                .contains("SimReplacementRejected"));
        assertThat(lastEventPayload(sim.subscriptionId())).contains("REJECTED_BY_NETWORK");
        // the process's event reaches the V1 read model asynchronously, a moment after the event store
        eventually("the V1 read model shows the rejection", () -> !api.get(
                        sim.v1Path() + "?only_active=false", fullToken())
                .json()
                .get("subscription_device_change_requests")
                .get(0)
                .get("status")
                .asString()
                .equals("PENDING"));
        JsonNode rejected = api.get(sim.v1Path() + "?only_active=false", fullToken())
                .json()
                .get("subscription_device_change_requests")
                .get(0);
        assertThat(rejected.get("status").asString()).isEqualTo("REJECTED");
        assertThat(rejected.get("rejection_reason").asString()).isEqualTo("REJECTED_BY_NETWORK");
        assertThat(api.get(sim.v2Path(), fullToken())
                        .json()
                        .get("device_additional_details")
                        .get("iccid")
                        .asString())
                .isEqualTo(sim.iccid());
        assertThat(jdbc.sql("select count(*) from unique_claim where claim_kind = 'ICCID' and claim_value = ?")
                        .param(REFUSED_ICCID)
                        .query(Long.class)
                        .single())
                .as("the refused ICCID is free again")
                .isZero();
    }

    @Test
    void the_subscription_and_device_may_be_named_by_uuid_too() {
        Sim sim = sim();
        String path = "/v1/orgs/yoigo/subscriptions/" + sim.subscriptionId() + "/devices/"
                + sim.v1Path().substring(sim.v1Path().lastIndexOf('/') + 1) + "/replacement";
        assertThat(api.post(path, fullToken(), replacement(sim.iccid(), sim.imsi(), Fixtures.iccid(), Fixtures.imsi()))
                        .status())
                .isEqualTo(202);
    }

    @Test
    void a_replacement_that_does_not_fit_the_device_is_a_conflict_and_changes_nothing() {
        Sim sim = sim();
        long events = eventCount(sim.subscriptionId());

        Api.Response wrongSim = api.post(
                sim.v1Path() + "/replacement",
                fullToken(),
                replacement(Fixtures.iccid(), sim.imsi(), Fixtures.iccid(), Fixtures.imsi()));
        assertThat(wrongSim.status()).isEqualTo(409);
        assertThat(wrongSim.json().get("errors").get(0).get("code").asString()).isEqualTo("SIM_MISMATCH");

        Api.Response wrongCategory = api.post(
                sim.v1Path() + "/replacement",
                fullToken(),
                replacement(sim.iccid(), sim.imsi(), Fixtures.iccid(), Fixtures.imsi())
                        .replace("\"SIM\"", "\"OTHER\""));
        assertThat(wrongCategory.status()).isEqualTo(409);
        assertThat(wrongCategory.json().get("errors").get(0).get("code").asString())
                .isEqualTo("CATEGORY_MISMATCH");

        Sim other = sim();
        Api.Response taken = replace(sim, other.iccid());
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.json().get("errors").get(0).get("code").asString()).isEqualTo("ICCID_IN_USE");
        assertThat(eventCount(sim.subscriptionId())).isEqualTo(events);

        api.patch(
                sim.v2Path(),
                fullToken(),
                "[{\"op\":\"add\",\"path\":\"/in_store_returned_date\",\"value\":\"2026-01-01T00:00:00Z\"}]",
                Map.of());
        Api.Response returned = replace(sim, Fixtures.iccid());
        assertThat(returned.status()).isEqualTo(409);
        assertThat(returned.json().get("errors").get(0).get("code").asString()).isEqualTo("DEVICE_NOT_ACTIVE");
    }

    @Test
    void invalid_bodies_are_400_with_one_v1_error_item_per_problem() {
        Sim sim = sim();

        Api.Response invalid = api.post(
                sim.v1Path() + "/replacement",
                fullToken(),
                "{\"subscription_device_change_request\": {\"new_iccid\": \"8934011411551283145\", \"new_imsi\": \"12\"}}");
        assertThat(invalid.status()).isEqualTo(400);
        JsonNode errors = invalid.json().get("errors");
        assertThat(errors).hasSize(3);
        List<String> codes = new ArrayList<>();
        errors.forEach(error -> {
            codes.add(error.get("code").asString());
            assertThat(error.get("title").asString()).isNotBlank();
            assertThat(error.get("ref").asString()).contains("/docs/errors#");
            assertThat(error.get("details").asString()).isNotBlank();
        });
        assertThat(codes).containsExactlyInAnyOrder("INVALID_BODY", "INVALID_ICCID_FORMAT", "INVALID_IMSI_FORMAT");

        Api.Response same = api.post(
                sim.v1Path() + "/replacement",
                fullToken(),
                replacement(sim.iccid(), sim.imsi(), sim.iccid(), Fixtures.imsi()));
        assertThat(same.status()).isEqualTo(400);
        assertThat(same.json().get("errors").get(0).get("details").asString()).contains("new_iccid");

        assertThat(api.post(sim.v1Path() + "/replacement", fullToken(), "{\"category\": \"SIM\", \"colour\": 1}")
                        .status())
                .isEqualTo(400);
    }

    @Test
    void the_user_name_comes_from_the_token_or_else_from_the_body() {
        Sim sim = sim();
        String systemToken =
                tokens.mint("batch-job", null, List.of(ORG), List.of(Scopes.READ, Scopes.WRITE), Duration.ofMinutes(5));
        String body = replacement(sim.iccid(), sim.imsi(), Fixtures.iccid(), Fixtures.imsi());

        Api.Response nobody = api.post(sim.v1Path() + "/replacement", systemToken, body);
        assertThat(nobody.status()).isEqualTo(400);
        assertThat(nobody.json().get("errors").get(0).get("code").asString()).isEqualTo("USER_NAME_REQUIRED");

        Api.Response named = api.post(
                sim.v1Path() + "/replacement",
                systemToken,
                body.replace("\"category\"", "\"user_name\": \"clerk@shop.example\", \"category\""));
        assertThat(named.status()).isEqualTo(202);
        assertThat(requestEvent(sim.subscriptionId(), "payload")).contains("\"userName\":\"clerk@shop.example\"");
    }

    @Test
    void unknown_subscriptions_and_devices_are_404_and_malformed_ids_400() {
        Sim sim = sim();
        Sim other = sim();
        String body = replacement(sim.iccid(), sim.imsi(), Fixtures.iccid(), Fixtures.imsi());
        String deviceLegacyId = sim.v1Path().substring(sim.v1Path().lastIndexOf('/') + 1);
        String otherSubscription = other.v1Path().substring(0, other.v1Path().indexOf("/devices"));

        assertThat(code(api.post("/v1/orgs/yoigo/subscriptions/999999999999/devices/1/replacement", fullToken(), body)))
                .isEqualTo("SUBSCRIPTION_NOT_FOUND");
        assertThat(code(api.post(otherSubscription + "/devices/" + deviceLegacyId + "/replacement", fullToken(), body)))
                .isEqualTo("DEVICE_NOT_FOUND");
        assertThat(code(api.post(sim.v1Path().replace("/yoigo/", "/masmovil/") + "/replacement", fullToken(), body)))
                .isEqualTo("SUBSCRIPTION_NOT_FOUND");
        assertThat(code(api.post("/v1/orgs/yoigo/subscriptions/abc/devices/1/replacement", fullToken(), body)))
                .isEqualTo("INVALID_PARAMETER");
        assertThat(code(api.post(
                        sim.v1Path().replace("/devices/" + deviceLegacyId, "/devices/x") + "/replacement",
                        fullToken(),
                        body)))
                .isEqualTo("INVALID_PARAMETER");
    }

    @Test
    void a_caller_without_the_write_scope_is_refused_in_the_v1_body() {
        Sim sim = sim();
        Api.Response refused = api.post(
                sim.v1Path() + "/replacement",
                token(Scopes.READ),
                replacement(sim.iccid(), sim.imsi(), Fixtures.iccid(), Fixtures.imsi()));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(code(refused)).isEqualTo("MISSING_PERMISSIONS");
        assertThat(code(api.post(sim.v1Path() + "/replacement", null, "{}"))).isEqualTo("UNAUTHORIZED");
    }

    @Test
    void of_two_replacements_racing_for_one_new_iccid_exactly_one_wins() throws Exception {
        String newIccid = Fixtures.iccid();
        List<Sim> sims = List.of(sim(), sim(), sim(), sim());
        ExecutorService pool = Executors.newFixedThreadPool(sims.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Api.Response>> answers = new ArrayList<>();
            for (Sim sim : sims) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return replace(sim, newIccid);
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Api.Response> answer : answers) {
                statuses.add(answer.get().status());
            }
            assertThat(statuses).containsExactlyInAnyOrder(202, 409, 409, 409);
        } finally {
            pool.shutdownNow();
        }
    }

    private String requestMetadata(String subscriptionId) {
        return requestEvent(subscriptionId, "metadata");
    }

    /** A column of the subscription's latest SimReplacementRequested event, as text. */
    private String requestEvent(String subscriptionId, String column) {
        return jdbc.sql("select convert_from(" + column
                        + ", 'UTF8') from domainevententry where aggregateidentifier = ?"
                        + " and payloadtype like '%.SimReplacementRequested' order by sequencenumber desc limit 1")
                .param(subscriptionId)
                .query(String.class)
                .single();
    }

    private static String code(Api.Response response) {
        return response.json().get("errors").get(0).get("code").asString();
    }
}
