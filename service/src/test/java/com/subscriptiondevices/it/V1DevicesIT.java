package com.subscriptiondevices.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.subscriptiondevices.api.device.FabricationType;
import com.subscriptiondevices.api.simreplacement.ChangeRequestStatus;
import com.subscriptiondevices.api.v1.V1ChangeRequestView;
import com.subscriptiondevices.platform.security.Scopes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The V1 subscription devices reads, through HTTP, on PostgreSQL: devices written through V2 and read
 * as V1 {@code GetSubscriptionDevice}, with V1's error body for every refusal.
 */
class V1DevicesIT extends PostgresIT {

    @Autowired
    JsonMapper json;

    /** A registered subscription with both its identities. */
    record Subscription(String id, long legacyId) {}

    @Test
    void lists_the_devices_of_a_subscription_named_by_its_legacy_id_or_its_uuid() {
        Subscription subscription = registered(ORG);
        long sim = add(subscription, Fixtures.sim(Fixtures.iccid(), Fixtures.imsi()));
        long router = add(subscription, Fixtures.terminal(Fixtures.mac(), Fixtures.serial()));

        Api.Response byLegacyId = api.get(v1Devices(ORG, subscription.legacyId()), token(Scopes.READ));
        assertThat(byLegacyId.status()).as(byLegacyId.toString()).isEqualTo(200);
        assertThat(ids(byLegacyId.json())).containsExactly(sim, router);

        Api.Response byUuid = api.get(v1Devices(ORG, subscription.id()), token(Scopes.READ));
        assertThat(byUuid.status()).isEqualTo(200);
        assertThat(byUuid.json()).isEqualTo(byLegacyId.json());
    }

    @Test
    void a_sim_shows_the_v1_fields_with_iccid_imsi_and_codes_as_strings() {
        Subscription subscription = registered(ORG);
        String iccid = Fixtures.iccid();
        String imsi = Fixtures.imsi();
        long sim = add(subscription, Fixtures.sim(iccid, imsi));

        Api.Response read = api.get(v1Device(ORG, subscription.legacyId(), sim), fullToken());

        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        JsonNode device = read.json();
        assertThat(device.propertyNames())
                .containsExactlyInAnyOrder(
                        "id",
                        "device_id",
                        "category",
                        "status",
                        "contract_document_id",
                        "device_additional_details",
                        "subscription_device_change_requests");
        assertThat(device.get("id").asLong()).isEqualTo(sim);
        assertThat(device.get("device_id").asString()).isEqualTo("P045A1SNC");
        assertThat(device.get("category").asString()).isEqualTo("SIM");
        assertThat(device.get("status").asString()).isEqualTo("ACTIVO");
        assertThat(device.get("subscription_device_change_requests").isArray()).isTrue();
        assertThat(device.get("subscription_device_change_requests")).isEmpty();
        JsonNode card = device.get("device_additional_details");
        assertThat(card.get("iccid").isString()).isTrue();
        assertThat(card.get("iccid").asString()).isEqualTo(iccid);
        assertThat(card.get("imsi").isString()).isTrue();
        assertThat(card.get("imsi").asString()).isEqualTo(imsi);
        assertThat(card.get("pin").isString()).isTrue();
        assertThat(card.get("pin").asString()).isEqualTo("0123");
        assertThat(card.get("puk").asString()).isEqualTo("01234567");
        assertThat(card.get("fabrication_type").asString()).isEqualTo("eSIM");
        assertThat(card.has("serial_number")).isFalse();
    }

    @Test
    void another_device_shows_its_catalogue_device_id_contract_and_identifiers() {
        Subscription subscription = registered(ORG);
        String mac = Fixtures.mac();
        String serial = Fixtures.serial();
        long router = add(
                subscription,
                """
                {"catalogue_commercial_device_id": "ROUTER-X1", "catalogue_device_id": "RTX1-BLACK",
                 "legacy_account_id": 4711, "contract_document_id": "d290f1ee-6c54-4b01-90e6-d701748f0851",
                 "mac_address": "%s", "serial_number": "%s", "imei": "490154203237518"}"""
                        .formatted(mac.toLowerCase(), serial));

        JsonNode device = api.get(v1Device(ORG, subscription.legacyId(), router), token(Scopes.READ))
                .json();

        assertThat(device.get("id").asLong()).isEqualTo(router);
        assertThat(device.get("device_id").asString()).isEqualTo("RTX1-BLACK");
        assertThat(device.get("category").asString()).isEqualTo("OTHER");
        assertThat(device.get("contract_document_id").asString()).isEqualTo("d290f1ee-6c54-4b01-90e6-d701748f0851");
        JsonNode details = device.get("device_additional_details");
        assertThat(details.get("mac_address").asString()).isEqualTo(mac);
        assertThat(details.get("serial_number").asString()).isEqualTo(serial);
        assertThat(details.get("imei").asString()).isEqualTo("490154203237518");
        assertThat(details.has("iccid")).isFalse();
    }

    @Test
    void a_returned_device_is_inactivo_hidden_by_default_and_shown_with_only_active_false() {
        Subscription subscription = registered(ORG);
        long kept = add(subscription, Fixtures.terminal(Fixtures.mac(), Fixtures.serial()));
        Api.Response added =
                api.post(devicesPath(ORG, subscription.id()), fullToken(), Fixtures.terminal(Fixtures.mac(), "R"));
        long returned = added.json().get("legacy_id").asLong();
        Api.Response patched = api.patch(
                devicesPath(ORG, subscription.id()) + "/"
                        + added.json().get("id").asString(),
                fullToken(),
                "[{\"op\":\"add\",\"path\":\"/in_store_returned_date\",\"value\":\"2026-02-01T10:00:00Z\"}]",
                Map.of());
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);

        assertThat(ids(api.get(v1Devices(ORG, subscription.legacyId()), token(Scopes.READ))
                        .json()))
                .containsExactly(kept);
        assertThat(ids(api.get(v1Devices(ORG, subscription.legacyId()) + "?only_active=true", token(Scopes.READ))
                        .json()))
                .containsExactly(kept);
        JsonNode everything = api.get(
                        v1Devices(ORG, subscription.legacyId()) + "?only_active=false", token(Scopes.READ))
                .json();
        assertThat(ids(everything)).containsExactly(kept, returned);
        assertThat(everything.get(1).get("status").asString()).isEqualTo("INACTIVO");
        assertThat(everything.get(0).get("status").asString()).isEqualTo("ACTIVO");

        Api.Response hidden = api.get(v1Device(ORG, subscription.legacyId(), returned), token(Scopes.READ));
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(v1Error(hidden).get("code").asString()).isEqualTo("DEVICE_NOT_FOUND");
        Api.Response shown =
                api.get(v1Device(ORG, subscription.legacyId(), returned) + "?only_active=false", token(Scopes.READ));
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.json().get("status").asString()).isEqualTo("INACTIVO");
    }

    @Test
    void the_category_filter_keeps_only_sims_or_only_other_devices() {
        Subscription subscription = registered(ORG);
        long sim = add(subscription, Fixtures.sim(Fixtures.iccid(), Fixtures.imsi()));
        long router = add(subscription, Fixtures.terminal(Fixtures.mac(), Fixtures.serial()));

        assertThat(ids(api.get(v1Devices(ORG, subscription.legacyId()) + "?category=SIM", token(Scopes.READ))
                        .json()))
                .containsExactly(sim);
        assertThat(ids(api.get(
                                v1Devices(ORG, subscription.id()) + "?category=OTHER&only_active=false",
                                token(Scopes.READ))
                        .json()))
                .containsExactly(router);
    }

    @Test
    void a_bad_category_only_active_or_id_is_400_with_the_v1_error_body() {
        Subscription subscription = registered(ORG);
        long sim = add(subscription, Fixtures.sim(Fixtures.iccid(), Fixtures.imsi()));
        String devices = v1Devices(ORG, subscription.legacyId());

        Api.Response category = api.get(devices + "?category=PHONE", token(Scopes.READ));
        assertThat(category.status()).isEqualTo(400);
        JsonNode categoryError = v1Error(category);
        assertThat(categoryError.get("code").asString()).isEqualTo("INVALID_PARAMETER");
        assertThat(categoryError.get("details").asString()).contains("category", "SIM", "OTHER");

        Api.Response onlyActive = api.get(devices + "?only_active=yes", token(Scopes.READ));
        assertThat(onlyActive.status()).isEqualTo(400);
        assertThat(v1Error(onlyActive).get("details").asString()).contains("only_active");

        Api.Response both = api.get(devices + "?category=sims&only_active=maybe", token(Scopes.READ));
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.json().get("errors")).hasSize(2);

        for (String badSubscription : List.of("abc", "0", "-5", "12.5", "not-a-uuid-at-all")) {
            Api.Response refused = api.get(v1Devices(ORG, badSubscription), token(Scopes.READ));
            assertThat(refused.status()).as(badSubscription + " -> " + refused).isEqualTo(400);
            assertThat(v1Error(refused).get("code").asString()).isEqualTo("INVALID_PARAMETER");
        }
        for (String badDevice :
                List.of("abc", "0", "P045A1SNC", UUID.randomUUID().toString())) {
            Api.Response refused = api.get(devices + "/" + badDevice, token(Scopes.READ));
            assertThat(refused.status()).as(badDevice + " -> " + refused).isEqualTo(400);
            assertThat(v1Error(refused).get("details").asString()).contains("device_id");
        }
        assertThat(api.get(v1Device(ORG, subscription.legacyId(), sim) + "?only_active=1", token(Scopes.READ))
                        .status())
                .isEqualTo(400);
    }

    @Test
    void an_unknown_or_foreign_subscription_or_device_is_404_with_the_v1_error_body() {
        Subscription subscription = registered(ORG);
        Subscription other = registered(ORG);
        Subscription foreign = registered(OTHER_ORG);
        long sim = add(subscription, Fixtures.sim(Fixtures.iccid(), Fixtures.imsi()));

        for (String path : List.of(
                v1Devices(ORG, unknownLegacyId()),
                v1Devices(ORG, UUID.randomUUID().toString()),
                v1Devices(ORG, foreign.legacyId()),
                v1Devices(ORG, foreign.id()),
                v1Devices(OTHER_ORG, subscription.legacyId()),
                v1Device(ORG, unknownLegacyId(), sim))) {
            Api.Response missing = api.get(path, token(Scopes.READ));
            assertThat(missing.status()).as(path + " -> " + missing).isEqualTo(404);
            assertThat(v1Error(missing).get("code").asString()).isEqualTo("SUBSCRIPTION_NOT_FOUND");
        }
        for (String path : List.of(
                v1Device(ORG, subscription.legacyId(), unknownLegacyId()),
                v1Device(ORG, other.legacyId(), sim),
                v1Device(ORG, other.legacyId(), sim) + "?only_active=false")) {
            Api.Response missing = api.get(path, token(Scopes.READ));
            assertThat(missing.status()).as(path + " -> " + missing).isEqualTo(404);
            assertThat(v1Error(missing).get("code").asString()).isEqualTo("DEVICE_NOT_FOUND");
        }
    }

    @Test
    void no_token_is_401_and_a_foreign_org_or_missing_scope_is_403_with_the_v1_error_body() {
        Subscription subscription = registered(ORG);
        String path = v1Devices(ORG, subscription.legacyId());

        Api.Response anonymous = api.get(path, null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(v1Error(anonymous).get("code").asString()).isEqualTo("UNAUTHORIZED");

        String onlyOtherOrg = tokens.mint("u", null, List.of(OTHER_ORG), List.of(Scopes.READ), Duration.ofMinutes(5));
        Api.Response foreign = api.get(path, onlyOtherOrg);
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(v1Error(foreign).get("code").asString()).isEqualTo("FORBIDDEN_ORGANIZATION");

        Api.Response withoutRead = api.get(path, token(Scopes.WRITE));
        assertThat(withoutRead.status()).isEqualTo(403);
        assertThat(v1Error(withoutRead).get("code").asString()).isEqualTo("MISSING_PERMISSIONS");
    }

    @Test
    void pin_and_puk_are_left_out_without_the_secrets_scope() {
        Subscription subscription = registered(ORG);
        String iccid = Fixtures.iccid();
        long sim = add(subscription, Fixtures.sim(iccid, Fixtures.imsi()));

        JsonNode listed = api.get(v1Devices(ORG, subscription.legacyId()), token(Scopes.READ))
                .json()
                .get(0)
                .get("device_additional_details");
        JsonNode single = api.get(v1Device(ORG, subscription.legacyId(), sim), token(Scopes.READ))
                .json()
                .get("device_additional_details");
        for (JsonNode card : List.of(listed, single)) {
            assertThat(card.get("iccid").asString()).isEqualTo(iccid);
            assertThat(card.has("pin")).isFalse();
            assertThat(card.has("puk")).isFalse();
            assertThat(card.has("pin2")).isFalse();
            assertThat(card.has("puk2")).isFalse();
        }
        assertThat(api.get(v1Device(ORG, subscription.legacyId(), sim), token(Scopes.READ, Scopes.SECRETS))
                        .json()
                        .get("device_additional_details")
                        .get("pin")
                        .asString())
                .isEqualTo("0123");
    }

    @Test
    void the_openapi_document_describes_the_v1_reads_with_the_v1_error_body() {
        JsonNode document = api.get("/v3/api-docs", null).json();
        JsonNode list = document.get("paths")
                .get("/v1/orgs/{org_id}/subscriptions/{id}/devices")
                .get("get");
        JsonNode single = document.get("paths")
                .get("/v1/orgs/{org_id}/subscriptions/{id}/devices/{device_id}")
                .get("get");

        for (JsonNode operation : List.of(list, single)) {
            assertThat(operation.get("tags").get(0).asString()).isEqualTo("V1 subscription devices");
            assertThat(operation.get("responses").get("404").toString()).contains("#/components/schemas/ErrorMessage");
            assertThat(operation.get("responses").get("400").toString()).contains("#/components/schemas/ErrorMessage");
        }
        List<String> parameters = new ArrayList<>();
        list.get("parameters")
                .forEach(parameter -> parameters.add(parameter.get("name").asString()));
        assertThat(parameters).containsExactlyInAnyOrder("org_id", "id", "category", "only_active");
        JsonNode device =
                document.get("components").get("schemas").get("V1DeviceView").get("properties");
        assertThat(device.has("subscription_device_change_requests")).isTrue();
        assertThat(device.has("device_additional_details")).isTrue();
    }

    /**
     * No endpoint records a replacement yet in this suite, so the wire form of a change request is
     * checked on the service's own JSON mapper, the one every response goes through.
     */
    @Test
    void a_change_request_is_written_with_the_v1_field_names_and_utc_dates() {
        V1ChangeRequestView request = new V1ChangeRequestView(
                ChangeRequestStatus.PROCESSED,
                Instant.parse("2017-09-15T22:00:00Z"),
                "test@test.com",
                "sim lost",
                "d290f1ee-6c54-4b01-90e6-d701748f0851",
                FabricationType.ESIM,
                "8934011411551283144",
                "214035453370793",
                "8934011411551283151",
                "214035453370794",
                Instant.parse("2017-09-15T22:05:00Z"),
                null);

        JsonNode written = Api.JSON.readTree(json.writeValueAsString(request));

        assertThat(written.propertyNames())
                .containsExactlyInAnyOrder(
                        "status",
                        "request_date",
                        "user_name",
                        "change_reason",
                        "contract_document_id",
                        "fabrication_type",
                        "iccid",
                        "imsi",
                        "new_iccid",
                        "new_imsi",
                        "processed_date",
                        "rejection_reason");
        assertThat(written.get("request_date").asString()).isEqualTo("2017-09-15T22:00:00Z");
        assertThat(written.get("processed_date").asString()).isEqualTo("2017-09-15T22:05:00Z");
        assertThat(written.get("fabrication_type").asString()).isEqualTo("eSIM");
        assertThat(written.get("iccid").isString()).isTrue();
        assertThat(written.get("new_iccid").asString()).isEqualTo("8934011411551283151");
        assertThat(written.get("rejection_reason").isNull()).isTrue();
    }

    // --- helpers -----------------------------------------------------------------------------

    private Subscription registered(String org) {
        Api.Response created =
                api.post("/v2/orgs/" + org + "/subscriptions", fullToken(), "{\"legacy_account_id\": 4711}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return new Subscription(
                created.json().get("id").asString(),
                created.json().get("legacy_id").asLong());
    }

    /** Adds a device through V2 and returns its V1 id (the legacy id). */
    private long add(Subscription subscription, String body) {
        Api.Response added = api.post(devicesPath(ORG, subscription.id()), fullToken(), body);
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        return added.json().get("legacy_id").asLong();
    }

    private static String v1Devices(String org, Object subscription) {
        return "/v1/orgs/" + org + "/subscriptions/" + subscription + "/devices";
    }

    private static String v1Device(String org, Object subscription, Object device) {
        return v1Devices(org, subscription) + "/" + device;
    }

    private static List<Long> ids(JsonNode devices) {
        List<Long> ids = new ArrayList<>();
        devices.forEach(device -> ids.add(device.get("id").asLong()));
        return ids;
    }

    /** The first item of the V1 error body, once every member of it is checked to be there. */
    private static JsonNode v1Error(Api.Response response) {
        JsonNode body = response.json();
        assertThat(body.has("error")).as("not the V2 body: " + response).isFalse();
        assertThat(body.get("errors").isArray()).as(response.toString()).isTrue();
        JsonNode first = body.get("errors").get(0);
        for (String member : List.of("code", "title", "ref", "details")) {
            assertThat(first.path(member).asString())
                    .as(member + " in " + response)
                    .isNotBlank();
        }
        assertThat(first.get("ref").asString()).endsWith("#" + first.get("code").asString());
        return first;
    }

    private static long unknownLegacyId() {
        return ThreadLocalRandom.current().nextLong(10_000_000_000_000_000L, 99_999_999_999_999_999L);
    }
}
