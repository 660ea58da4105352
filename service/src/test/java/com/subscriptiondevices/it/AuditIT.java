package com.subscriptiondevices.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.subscriptiondevices.platform.security.Scopes;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The audit trail through HTTP on PostgreSQL: a subscription's history straight from the event store,
 * and devices (V2 and V1) rebuilt as they were at an instant.
 */
class AuditIT extends PostgresIT {

    private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");

    private String auditor() {
        return token(Scopes.READ, Scopes.AUDIT);
    }

    private String auditorWithSecrets() {
        return token(Scopes.READ, Scopes.AUDIT, Scopes.SECRETS);
    }

    // --- history ---------------------------------------------------------------------------

    @Test
    void the_history_lists_the_events_in_order_with_who_caused_them_and_a_snake_case_payload() {
        String subscription = subscription(ORG);
        String adding = "audit-" + UUID.randomUUID();
        String patching = "audit-" + UUID.randomUUID();
        String iccid = Fixtures.iccid();
        Api.Response added = api.post(
                devicesPath(ORG, subscription),
                fullToken(),
                Fixtures.sim(iccid, Fixtures.imsi()),
                Map.of("X-Request-Id", adding));
        String device = added.json().get("id").asString();
        Api.Response patched = api.patch(
                devicesPath(ORG, subscription) + "/" + device,
                fullToken(),
                "[{\"op\":\"add\",\"path\":\"/contract_document_id\",\"value\":\"doc-1\",\"reason\":\"SIGNED\"}]",
                Map.of("X-Request-Id", patching));
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);

        Api.Response history = api.get(historyPath(ORG, subscription), auditor());

        assertThat(history.status()).as(history.toString()).isEqualTo(200);
        assertThat(history.header("Link")).as("one page holds it all").isNull();
        JsonNode events = history.json();
        assertThat(sequences(events)).containsExactly(0L, 1L, 2L);
        assertThat(types(events)).containsExactly("SubscriptionCreated", "DeviceAdded", "DeviceDetailsChanged");
        events.forEach(event -> {
            assertThat(event.propertyNames())
                    .containsExactlyInAnyOrder(
                            "sequence", "type", "timestamp", "user_name", "correlation_id", "payload");
            assertThat(event.get("user_name").asString()).isEqualTo("agent@shop.example");
            assertThat(event.get("timestamp").asString()).endsWith("Z");
        });
        assertThat(timestamps(events)).isSorted();
        assertThat(events.get(1).get("correlation_id").asString()).isEqualTo(adding);
        assertThat(events.get(2).get("correlation_id").asString()).isEqualTo(patching);

        JsonNode created = events.get(0).get("payload");
        assertThat(created.get("subscription_id").asString()).isEqualTo(subscription);
        assertThat(created.get("org").asString()).isEqualTo(ORG);
        assertThat(created.get("legacy_account_id").asLong()).isEqualTo(4711);
        JsonNode deviceAdded = events.get(1).get("payload");
        assertThat(deviceAdded.get("device_id").asString()).isEqualTo(device);
        assertThat(deviceAdded
                        .get("details")
                        .get("catalogue_commercial_device_id")
                        .asString())
                .isEqualTo("P045A1SNC");
        assertThat(deviceAdded
                        .get("details")
                        .get("device_additional_details")
                        .get("iccid")
                        .asString())
                .isEqualTo(iccid);
        JsonNode changed = events.get(2).get("payload");
        assertThat(changed.get("version").asLong()).isEqualTo(2);
        assertThat(changed.get("details").get("contract_document_id").asString())
                .isEqualTo("doc-1");
        assertThat(changed.get("operations").get(0).get("reason").asString()).isEqualTo("SIGNED");
        assertThat(history.body()).doesNotContain("\"deviceId\"", "\"contractDocumentId\"", "\"legacyAccountId\"");
    }

    @Test
    void the_history_is_paged_by_limit_and_after_sequence_with_a_link_to_the_next_page() {
        String subscription = subscription(ORG);
        String device = addTerminal(subscription);
        for (int i = 2; i <= 5; i++) {
            api.patch(
                    devicesPath(ORG, subscription) + "/" + device,
                    fullToken(),
                    "[{\"op\":\"replace\",\"path\":\"/serial_number\",\"value\":\"S" + i + "\"}]",
                    Map.of());
        }
        assertThat(eventCount(subscription)).isEqualTo(6);

        Api.Response first = api.get(historyPath(ORG, subscription) + "?limit=2", auditor());
        assertThat(sequences(first.json())).containsExactly(0L, 1L);
        assertThat(first.header("Link"))
                .isEqualTo("</v2/orgs/yoigo/subscriptions/" + subscription
                        + "/history?after_sequence=1&limit=2>; rel=\"next\"");

        List<Long> walked = new ArrayList<>(sequences(first.json()));
        List<Integer> pageSizes = new ArrayList<>(List.of(first.json().size()));
        String link = first.header("Link");
        while (link != null) {
            Matcher next = NEXT.matcher(link);
            assertThat(next.matches()).as(link).isTrue();
            Api.Response page = api.get(next.group(1), auditor());
            assertThat(page.status()).isEqualTo(200);
            walked.addAll(sequences(page.json()));
            pageSizes.add(page.json().size());
            link = page.header("Link");
        }
        assertThat(walked).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        assertThat(pageSizes).as("the last full page has no next link").containsExactly(2, 2, 2);

        Api.Response rest = api.get(historyPath(ORG, subscription) + "?after_sequence=3", auditor());
        assertThat(sequences(rest.json())).containsExactly(4L, 5L);
        assertThat(rest.header("Link")).isNull();
        Api.Response middle = api.get(historyPath(ORG, subscription) + "?after_sequence=1&limit=3", auditor());
        assertThat(sequences(middle.json())).containsExactly(2L, 3L, 4L);
        assertThat(middle.header("Link")).contains("after_sequence=4&limit=3");
        Api.Response beyond = api.get(historyPath(ORG, subscription) + "?after_sequence=5", auditor());
        assertThat(beyond.status()).isEqualTo(200);
        assertThat(beyond.json()).isEmpty();
        assertThat(beyond.header("Link")).isNull();
    }

    @Test
    void pin_and_puk_codes_are_masked_in_the_history_unless_the_caller_may_see_secrets() {
        String subscription = subscription(ORG);
        api.post(devicesPath(ORG, subscription), fullToken(), Fixtures.sim(Fixtures.iccid(), Fixtures.imsi()));

        JsonNode masked =
                api.get(historyPath(ORG, subscription), auditor()).json().get(1).get("payload");
        JsonNode card = masked.get("details").get("device_additional_details");
        assertThat(card.get("pin").asString()).isEqualTo("****");
        assertThat(card.get("puk").asString()).isEqualTo("****");
        assertThat(card.get("iccid").asString()).matches("89\\d{17}");

        JsonNode shown = api.get(historyPath(ORG, subscription), auditorWithSecrets())
                .json()
                .get(1)
                .get("payload")
                .get("details")
                .get("device_additional_details");
        assertThat(shown.get("pin").asString()).isEqualTo("0123");
        assertThat(shown.get("puk").asString()).isEqualTo("01234567");
    }

    @Test
    void the_history_needs_the_audit_scope_and_an_org_of_the_token() {
        String subscription = subscription(ORG);

        Api.Response withoutAudit =
                api.get(historyPath(ORG, subscription), token(Scopes.READ, Scopes.WRITE, Scopes.SECRETS));
        assertThat(withoutAudit.status()).isEqualTo(403);
        assertThat(withoutAudit.errorCode()).isEqualTo("MISSING_PERMISSIONS");
        assertThat(withoutAudit.json().get("error").get("message").asString()).contains("devices:audit");
        assertThat(withoutAudit.json().get("error").get("reference").asString()).endsWith("#MISSING_PERMISSIONS");

        String yoigoOnly = tokens.mint(
                "user-2", "auditor@shop.example", List.of(ORG), List.of(Scopes.AUDIT), Duration.ofMinutes(5));
        assertThat(api.get(historyPath(ORG, subscription), yoigoOnly).status()).isEqualTo(200);
        Api.Response otherOrg = api.get(historyPath(OTHER_ORG, subscription), yoigoOnly);
        assertThat(otherOrg.status()).isEqualTo(403);
        assertThat(otherOrg.errorCode()).isEqualTo("FORBIDDEN_ORGANIZATION");

        assertThat(api.get(historyPath(ORG, subscription), null).errorCode()).isEqualTo("UNAUTHORIZED");
    }

    @Test
    void the_history_of_an_unknown_or_foreign_subscription_is_404_and_a_malformed_id_400() {
        Api.Response unknown = api.get(historyPath(ORG, UUID.randomUUID().toString()), auditor());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errorCode()).isEqualTo("SUBSCRIPTION_NOT_FOUND");

        String theirs = subscription(OTHER_ORG);
        Api.Response foreign = api.get(historyPath(ORG, theirs), auditor());
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.errorCode()).isEqualTo("SUBSCRIPTION_NOT_FOUND");
        assertThat(api.get(historyPath(OTHER_ORG, theirs), auditor()).status()).isEqualTo(200);

        Api.Response malformed = api.get(historyPath(ORG, "not-a-uuid"), auditor());
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.errorCode()).isEqualTo("INVALID_PARAMETER");
    }

    @Test
    void a_bad_limit_or_after_sequence_is_400_and_each_bad_one_is_named() {
        String path = historyPath(ORG, subscription(ORG));

        for (String query : List.of(
                "?limit=0", "?limit=1001", "?limit=abc", "?limit=", "?after_sequence=-1", "?after_sequence=x")) {
            Api.Response refused = api.get(path + query, auditor());
            assertThat(refused.status()).as(query + " -> " + refused).isEqualTo(400);
            assertThat(refused.errorCode()).isEqualTo("INVALID_PARAMETER");
        }
        assertThat(api.get(path + "?limit=1000", auditor()).status()).isEqualTo(200);

        Api.Response both = api.get(path + "?limit=5000&after_sequence=minus", auditor());
        assertThat(both.json().get("error").get("message").asString())
                .contains("limit")
                .contains("after_sequence");
    }

    // --- time travel, V2 -------------------------------------------------------------------

    @Test
    void a_device_read_as_of_an_instant_is_the_device_as_it_was_then_with_the_etag_it_had() {
        String subscription = subscription(ORG);
        String device = addTerminal(subscription);
        String path = devicesPath(ORG, subscription) + "/" + device;
        serial(path, "S2");
        Instant betweenPatches = Instant.now();
        serial(path, "S3");
        JsonNode history = api.get(historyPath(ORG, subscription), auditor()).json();
        assertThat(types(history))
                .containsExactly("SubscriptionCreated", "DeviceAdded", "DeviceDetailsChanged", "DeviceDetailsChanged");
        List<Instant> at = timestamps(history);

        Api.Response asAdded = api.get(path + "?as_of=" + at.get(1), auditor());
        assertThat(asAdded.status()).as(asAdded.toString()).isEqualTo(200);
        assertThat(asAdded.json().get("serial_number").asString()).isEqualTo("S");
        assertThat(asAdded.header("ETag")).isEqualTo("\"1\"");

        Api.Response asFirstPatched = api.get(path + "?as_of=" + at.get(2), auditor());
        assertThat(asFirstPatched.json().get("serial_number").asString()).isEqualTo("S2");
        assertThat(asFirstPatched.header("ETag")).isEqualTo("\"2\"");
        Api.Response justBefore = api.get(path + "?as_of=" + at.get(2).minusMillis(1), auditor());
        assertThat(justBefore.header("ETag"))
                .as("an event later than the instant is left out")
                .isEqualTo("\"1\"");

        Api.Response between = api.get(path + "?as_of=" + betweenPatches, auditor());
        assertThat(between.json().get("serial_number").asString()).isEqualTo("S2");
        assertThat(between.header("ETag")).isEqualTo("\"2\"");

        Api.Response latest = api.get(path + "?as_of=" + at.get(3), auditor());
        assertThat(latest.json().get("serial_number").asString()).isEqualTo("S3");
        assertThat(latest.header("ETag")).isEqualTo("\"3\"");
        Api.Response now = api.get(path, auditor());
        assertThat(latest.json()).as("the replay agrees with the read model").isEqualTo(now.json());
        assertThat(latest.header("ETag")).isEqualTo(now.header("ETag"));
    }

    @Test
    void as_of_accepts_an_offset_instead_of_z() {
        String subscription = subscription(ORG);
        String device = addTerminal(subscription);
        String path = devicesPath(ORG, subscription) + "/" + device;
        Instant added = timestamps(
                        api.get(historyPath(ORG, subscription), auditor()).json())
                .get(1);
        String inMadrid = added.atOffset(ZoneOffset.ofHours(1)).toString();
        assertThat(inMadrid).contains("+01:00");

        Api.Response encoded =
                api.get(path + "?as_of=" + URLEncoder.encode(inMadrid, StandardCharsets.UTF_8), auditor());
        assertThat(encoded.status()).as(encoded.toString()).isEqualTo(200);
        assertThat(encoded.header("ETag")).isEqualTo("\"1\"");
        Api.Response unencoded = api.get(path + "?as_of=" + inMadrid, auditor());
        assertThat(unencoded.status())
                .as("a '+' left unencoded arrives as a space and still means +")
                .isEqualTo(200);
        Api.Response anHourEarlier = api.get(
                path + "?as_of=" + URLEncoder.encode(inMadrid.replace("+01:00", "+02:00"), StandardCharsets.UTF_8),
                auditor());
        assertThat(anHourEarlier.status())
                .as("the same wall-clock time an hour further east is before the subscription existed")
                .isEqualTo(404);
    }

    @Test
    void a_device_read_as_of_before_it_existed_is_404() {
        String subscription = subscription(ORG);
        Instant beforeDevice = Instant.now();
        String device = addTerminal(subscription);
        String path = devicesPath(ORG, subscription) + "/" + device;

        Api.Response notYet = api.get(path + "?as_of=" + beforeDevice, auditor());
        assertThat(notYet.status()).isEqualTo(404);
        assertThat(notYet.errorCode()).isEqualTo("DEVICE_NOT_FOUND");

        Api.Response noSubscriptionYet = api.get(path + "?as_of=2000-01-01T00:00:00Z", auditor());
        assertThat(noSubscriptionYet.status()).isEqualTo(404);
        assertThat(noSubscriptionYet.errorCode()).isEqualTo("SUBSCRIPTION_NOT_FOUND");

        Api.Response foreign =
                api.get(devicesPath(OTHER_ORG, subscription) + "/" + device + "?as_of=" + Instant.now(), auditor());
        assertThat(foreign.errorCode()).isEqualTo("SUBSCRIPTION_NOT_FOUND");
        Api.Response unknown =
                api.get(path.replace(device, UUID.randomUUID().toString()) + "?as_of=" + Instant.now(), auditor());
        assertThat(unknown.errorCode()).isEqualTo("DEVICE_NOT_FOUND");
    }

    @Test
    void as_of_needs_the_audit_scope_and_a_zoned_iso_8601_instant() {
        String subscription = subscription(ORG);
        String path = devicesPath(ORG, subscription) + "/" + addTerminal(subscription);

        Api.Response refused = api.get(path + "?as_of=" + Instant.now(), token(Scopes.READ, Scopes.SECRETS));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.errorCode()).isEqualTo("MISSING_PERMISSIONS");
        assertThat(refused.json().get("error").get("message").asString()).contains("devices:audit");
        assertThat(api.get(path + "?as_of=yesterday", token(Scopes.READ)).errorCode())
                .as("the scope is checked before the value")
                .isEqualTo("MISSING_PERMISSIONS");
        assertThat(api.get(path, token(Scopes.READ)).status())
                .as("without as_of the read needs no audit scope")
                .isEqualTo(200);

        for (String bad : List.of("yesterday", "2026-11-23T10:00:00", "2026-11-23", "")) {
            Api.Response invalid = api.get(path + "?as_of=" + bad, auditor());
            assertThat(invalid.status()).as(bad + " -> " + invalid).isEqualTo(400);
            assertThat(invalid.errorCode()).isEqualTo("INVALID_PARAMETER");
            assertThat(invalid.json().get("error").get("message").asString()).contains("as_of");
        }
    }

    @Test
    void pin_and_puk_of_a_device_as_of_an_instant_need_the_secrets_scope() {
        String subscription = subscription(ORG);
        String device = api.post(
                        devicesPath(ORG, subscription), fullToken(), Fixtures.sim(Fixtures.iccid(), Fixtures.imsi()))
                .json()
                .get("id")
                .asString();
        String path = devicesPath(ORG, subscription) + "/" + device + "?as_of=" + Instant.now();

        JsonNode hidden = api.get(path, auditor()).json().get("device_additional_details");
        assertThat(hidden.has("pin")).isFalse();
        assertThat(hidden.has("puk")).isFalse();
        assertThat(hidden.has("iccid")).isTrue();
        JsonNode shown = api.get(path, auditorWithSecrets()).json().get("device_additional_details");
        assertThat(shown.get("pin").asString()).isEqualTo("0123");
    }

    // --- time travel, V1 -------------------------------------------------------------------

    @Test
    void a_v1_read_as_of_an_instant_shows_the_replacement_pending_then_and_processed_later() {
        Api.Response registered =
                api.post("/v2/orgs/yoigo/subscriptions", fullToken(), "{\"legacy_account_id\": 4711}");
        String subscription = registered.json().get("id").asString();
        String iccid = Fixtures.iccid();
        String imsi = Fixtures.imsi();
        Api.Response sim = api.post(devicesPath(ORG, subscription), fullToken(), Fixtures.sim(iccid, imsi));
        String v1Path = "/v1/orgs/yoigo/subscriptions/"
                + registered.json().get("legacy_id").asLong() + "/devices/"
                + sim.json().get("legacy_id").asLong();
        String newIccid = Fixtures.iccid();
        Api.Response accepted = api.post(
                v1Path + "/replacement",
                fullToken(),
                """
                {"category": "SIM", "change_reason": "sim lost",
                 "subscription_device_change_request": {"fabrication_type": "pSIM", "signature_type": "PAPER",
                   "iccid": "%s", "imsi": "%s", "new_iccid": "%s", "new_imsi": "%s"}}"""
                        .formatted(iccid, imsi, newIccid, Fixtures.imsi()));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        eventually("the network swaps the SIM", () -> eventTypes(subscription).contains("SimReplaced"));
        JsonNode history = api.get(historyPath(ORG, subscription), auditor()).json();
        assertThat(types(history))
                .containsExactly("SubscriptionCreated", "DeviceAdded", "SimReplacementRequested", "SimReplaced");
        Instant requested = timestamps(history).get(2);
        Instant replaced = timestamps(history).get(3);

        JsonNode then = api.get(v1Path + "?only_active=false&as_of=" + requested, auditorWithSecrets())
                .json();
        JsonNode pending = then.get("subscription_device_change_requests").get(0);
        assertThat(then.get("subscription_device_change_requests")).hasSize(1);
        assertThat(pending.get("status").asString()).isEqualTo("PENDING");
        assertThat(Instant.parse(pending.get("request_date").asString())).isEqualTo(requested);
        assertThat(pending.get("processed_date").isNull()).isTrue();
        assertThat(pending.get("new_iccid").asString()).isEqualTo(newIccid);
        assertThat(pending.get("user_name").asString()).isEqualTo("agent@shop.example");
        assertThat(then.get("device_additional_details").get("iccid").asString())
                .isEqualTo(iccid);
        assertThat(then.get("device_additional_details").get("pin").asString()).isEqualTo("0123");

        JsonNode later = api.get(v1Path + "?only_active=false&as_of=" + replaced, auditorWithSecrets())
                .json();
        JsonNode processed = later.get("subscription_device_change_requests").get(0);
        assertThat(processed.get("status").asString()).isEqualTo("PROCESSED");
        assertThat(Instant.parse(processed.get("request_date").asString())).isEqualTo(requested);
        assertThat(Instant.parse(processed.get("processed_date").asString())).isEqualTo(replaced);
        assertThat(later.get("device_additional_details").get("iccid").asString())
                .isEqualTo(newIccid);
        assertThat(later.get("device_additional_details")
                        .get("fabrication_type")
                        .asString())
                .isEqualTo("pSIM");
        assertThat(later.get("device_additional_details").get("pin").asString()).isNotEqualTo("0123");

        eventually("the V1 read model shows the swap", () -> api.get(v1Path + "?only_active=false", fullToken())
                .json()
                .get("subscription_device_change_requests")
                .get(0)
                .get("status")
                .asString()
                .equals("PROCESSED"));
        JsonNode current =
                api.get(v1Path + "?only_active=false", auditorWithSecrets()).json();
        assertThat(later).as("the replay agrees with the V1 read model").isEqualTo(current);

        JsonNode activeOnly = api.get(v1Path + "?as_of=" + requested, auditor()).json();
        assertThat(activeOnly.get("subscription_device_change_requests")).isEmpty();
        assertThat(activeOnly.get("device_additional_details").has("pin")).isFalse();
        Api.Response byUuid = api.get(
                v1Path.replaceFirst("/subscriptions/\\d+/", "/subscriptions/" + subscription + "/")
                        + "?only_active=false&as_of=" + replaced,
                auditorWithSecrets());
        assertThat(byUuid.json()).isEqualTo(later);
    }

    @Test
    void a_v1_read_as_of_answers_refusals_in_the_v1_body() {
        Api.Response registered =
                api.post("/v2/orgs/yoigo/subscriptions", fullToken(), "{\"legacy_account_id\": 4711}");
        String subscription = registered.json().get("id").asString();
        Instant beforeDevice = Instant.now();
        long device = api.post(devicesPath(ORG, subscription), fullToken(), Fixtures.terminal(Fixtures.mac(), "S"))
                .json()
                .get("legacy_id")
                .asLong();
        String v1Path = "/v1/orgs/yoigo/subscriptions/"
                + registered.json().get("legacy_id").asLong() + "/devices/" + device;

        Api.Response notYet = api.get(v1Path + "?as_of=" + beforeDevice, auditor());
        assertThat(notYet.status()).isEqualTo(404);
        assertThat(v1Code(notYet)).isEqualTo("DEVICE_NOT_FOUND");
        Api.Response noScope = api.get(v1Path + "?as_of=" + Instant.now(), token(Scopes.READ));
        assertThat(noScope.status()).isEqualTo(403);
        assertThat(v1Code(noScope)).isEqualTo("MISSING_PERMISSIONS");
        Api.Response badInstant = api.get(v1Path + "?as_of=2026-11-23T10:00:00", auditor());
        assertThat(badInstant.status()).isEqualTo(400);
        assertThat(v1Code(badInstant)).isEqualTo("INVALID_PARAMETER");
        Api.Response foreign = api.get(v1Path.replace("/yoigo/", "/masmovil/") + "?as_of=" + Instant.now(), auditor());
        assertThat(v1Code(foreign)).isEqualTo("SUBSCRIPTION_NOT_FOUND");
        assertThat(api.get(v1Path + "?as_of=" + Instant.now(), auditor())
                        .json()
                        .get("id")
                        .asLong())
                .isEqualTo(device);
    }

    // --- API docs --------------------------------------------------------------------------

    @Test
    void the_openapi_document_describes_the_history_and_as_of() {
        JsonNode document = api.get("/v3/api-docs", null).json();
        JsonNode history = document.get("paths")
                .get("/v2/orgs/{org}/subscriptions/{subscriptionId}/history")
                .get("get");
        assertThat(parameterNames(history))
                .containsExactlyInAnyOrder("org", "subscriptionId", "after_sequence", "limit");
        assertThat(history.get("description").asString())
                .contains("devices:audit")
                .contains("Link");
        assertThat(history.get("responses").get("200").get("headers").has("Link"))
                .isTrue();
        assertThat(history.get("parameters").get(3).get("schema").get("maximum").asInt())
                .isEqualTo(1000);
        assertThat(history.get("responses").get("404").toString()).contains("#/components/schemas/ErrorResponse");
        JsonNode recorded =
                document.get("components").get("schemas").get("RecordedEvent").get("properties");
        assertThat(recorded.propertyNames())
                .containsExactlyInAnyOrder("sequence", "type", "timestamp", "user_name", "correlation_id", "payload");

        JsonNode v2 = document.get("paths")
                .get("/v2/orgs/{org}/subscriptions/{subscriptionId}/devices/{deviceId}")
                .get("get");
        JsonNode v1 = document.get("paths")
                .get("/v1/orgs/{org_id}/subscriptions/{id}/devices/{device_id}")
                .get("get");
        for (JsonNode read : List.of(v2, v1)) {
            assertThat(parameterNames(read)).contains("as_of");
            read.get("parameters").forEach(parameter -> {
                if (parameter.get("name").asString().equals("as_of")) {
                    assertThat(parameter.get("description").asString()).contains("devices:audit");
                    assertThat(parameter.get("required").asBoolean()).isFalse();
                    assertThat(parameter.get("schema").get("format").asString()).isEqualTo("date-time");
                    assertThat(parameter.get("schema").get("format").asString()).isEqualTo("date-time");
                }
            });
        }
    }

    // --- helpers ---------------------------------------------------------------------------

    private static String historyPath(String org, String subscription) {
        return "/v2/orgs/" + org + "/subscriptions/" + subscription + "/history";
    }

    private void serial(String devicePath, String serial) {
        Api.Response patched = api.patch(
                devicePath,
                fullToken(),
                "[{\"op\":\"replace\",\"path\":\"/serial_number\",\"value\":\"" + serial + "\"}]",
                Map.of());
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
    }

    private static List<String> parameterNames(JsonNode operation) {
        List<String> names = new ArrayList<>();
        operation
                .get("parameters")
                .forEach(parameter -> names.add(parameter.get("name").asString()));
        return names;
    }

    private static List<Long> sequences(JsonNode events) {
        List<Long> sequences = new ArrayList<>();
        events.forEach(event -> sequences.add(event.get("sequence").asLong()));
        return sequences;
    }

    private static List<String> types(JsonNode events) {
        List<String> types = new ArrayList<>();
        events.forEach(event -> types.add(event.get("type").asString()));
        return types;
    }

    private static List<Instant> timestamps(JsonNode events) {
        List<Instant> timestamps = new ArrayList<>();
        events.forEach(
                event -> timestamps.add(Instant.parse(event.get("timestamp").asString())));
        return timestamps;
    }

    private static String v1Code(Api.Response response) {
        return response.json().get("errors").get(0).get("code").asString();
    }
}
