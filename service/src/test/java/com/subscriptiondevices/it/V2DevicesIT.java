package com.subscriptiondevices.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.subscriptiondevices.platform.security.Scopes;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Every V2 endpoint and status code, through HTTP, on PostgreSQL. */
class V2DevicesIT extends PostgresIT {

    // --- subscriptions ---------------------------------------------------------------------

    @Test
    void registers_a_subscription_and_assigns_the_ids_the_client_left_out() {
        Api.Response created = api.post("/v2/orgs/yoigo/subscriptions", fullToken(), "{\"legacy_account_id\": 99}");

        assertThat(created.status()).isEqualTo(201);
        JsonNode body = created.json();
        String id = body.get("id").asString();
        assertThat(UUID.fromString(id)).isNotNull();
        assertThat(body.get("legacy_id").asLong()).isPositive();
        assertThat(body.get("legacy_account_id").asLong()).isEqualTo(99);
        assertThat(created.header("Location")).isEqualTo("/v2/orgs/yoigo/subscriptions/" + id);

        Api.Response read = api.get("/v2/orgs/yoigo/subscriptions/" + id, token(Scopes.READ));
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("legacy_id").asLong())
                .isEqualTo(body.get("legacy_id").asLong());
    }

    @Test
    void a_subscription_id_or_legacy_id_that_exists_already_is_a_conflict() {
        String id = UUID.randomUUID().toString();
        long legacyId = 1_000_000_000L + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L);
        String body = "{\"id\": \"%s\", \"legacy_id\": %d, \"legacy_account_id\": 1}".formatted(id, legacyId);
        assertThat(api.post("/v2/orgs/yoigo/subscriptions", fullToken(), body).status())
                .isEqualTo(201);

        Api.Response sameId = api.post("/v2/orgs/yoigo/subscriptions", fullToken(), body);
        assertThat(sameId.status()).isEqualTo(409);
        assertThat(sameId.errorCode()).isEqualTo("SUBSCRIPTION_ALREADY_EXISTS");

        Api.Response sameLegacyId = api.post(
                "/v2/orgs/yoigo/subscriptions",
                fullToken(),
                "{\"legacy_id\": %d, \"legacy_account_id\": 1}".formatted(legacyId));
        assertThat(sameLegacyId.status()).isEqualTo(409);
        assertThat(sameLegacyId.errorCode()).isEqualTo("SUBSCRIPTION_ALREADY_EXISTS");
    }

    @Test
    void a_subscription_of_another_org_does_not_exist_for_the_caller() {
        String subscription = subscription(ORG);

        assertThat(api.get("/v2/orgs/" + OTHER_ORG + "/subscriptions/" + subscription, fullToken())
                        .errorCode())
                .isEqualTo("SUBSCRIPTION_NOT_FOUND");
        Api.Response devices = api.get(devicesPath(OTHER_ORG, subscription), fullToken());
        assertThat(devices.status()).isEqualTo(404);
        Api.Response add = api.post(
                devicesPath(OTHER_ORG, subscription),
                fullToken(),
                Fixtures.terminal(Fixtures.mac(), Fixtures.serial()));
        assertThat(add.status()).isEqualTo(404);
        assertThat(add.errorCode()).isEqualTo("SUBSCRIPTION_NOT_FOUND");
    }

    // --- adding devices ----------------------------------------------------------------------

    @Test
    void adds_a_terminal_with_identifiers_in_their_normal_form_and_answers_201_with_location_and_etag() {
        String subscription = subscription(ORG);
        String mac = Fixtures.mac();

        Api.Response added = api.post(
                devicesPath(ORG, subscription),
                fullToken(),
                Fixtures.terminal(mac.toLowerCase().replace(':', '-'), "S1"));

        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        JsonNode device = added.json();
        String deviceId = device.get("id").asString();
        assertThat(added.header("Location")).isEqualTo(devicesPath(ORG, subscription) + "/" + deviceId);
        assertThat(added.header("ETag")).isEqualTo("\"1\"");
        assertThat(device.get("legacy_id").asLong()).isPositive();
        assertThat(device.get("mac_address").asString()).isEqualTo(mac);
        assertThat(device.get("imei").asString()).isEqualTo("490154203237518");
        assertThat(device.get("category").asString()).isEqualTo("OTHER");
        assertThat(device.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(device.get("in_store_delivery_date").asString()).isEqualTo("2026-01-15T09:00:00Z");
        assertThat(device.get("insurable_amount").decimalValue()).isEqualByComparingTo("199.9");
        assertThat(device.get("commitments").get(0).get("id").asString()).isNotBlank();
        assertThat(device.get("commitments").get(0).get("legacy_id").asLong()).isEqualTo(9);
        assertThat(device.get("manufacturing_info").get("id_type").asString()).isEqualTo("SERIAL_NUMBER");
    }

    @Test
    void keeps_every_digit_of_iccid_and_imsi_sent_as_json_numbers_and_writes_them_as_strings() {
        String subscription = subscription(ORG);
        String iccid = Fixtures.iccid();
        String imsi = Fixtures.imsi();

        Api.Response added = api.post(devicesPath(ORG, subscription), fullToken(), Fixtures.sim(iccid, imsi));

        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        JsonNode sim = added.json().get("device_additional_details");
        assertThat(sim.get("iccid").isString()).isTrue();
        assertThat(sim.get("iccid").asString()).isEqualTo(iccid);
        assertThat(sim.get("imsi").asString()).isEqualTo(imsi);
        assertThat(sim.get("pin").asString()).isEqualTo("0123");
        assertThat(added.json().get("category").asString()).isEqualTo("SIM");
    }

    @Test
    void a_write_is_visible_to_the_next_read_every_time() {
        String subscription = subscription(ORG);
        for (int i = 0; i < 15; i++) {
            String serial = Fixtures.serial();
            Api.Response added =
                    api.post(devicesPath(ORG, subscription), fullToken(), Fixtures.terminal(Fixtures.mac(), serial));
            assertThat(added.status()).isEqualTo(201);
            String deviceId = added.json().get("id").asString();

            Api.Response read = api.get(devicesPath(ORG, subscription) + "/" + deviceId, fullToken());
            assertThat(read.status()).as("read %d", i).isEqualTo(200);
            assertThat(read.json().get("serial_number").asString()).isEqualTo(serial);

            Api.Response patched = api.patch(
                    devicesPath(ORG, subscription) + "/" + deviceId,
                    fullToken(),
                    "[{\"op\":\"replace\",\"path\":\"/serial_number\",\"value\":\"" + serial + "-b\"}]",
                    Map.of());
            assertThat(patched.status()).isEqualTo(200);
            Api.Response reread = api.get(devicesPath(ORG, subscription) + "/" + deviceId, fullToken());
            assertThat(reread.json().get("serial_number").asString()).isEqualTo(serial + "-b");
            assertThat(reread.header("ETag")).isEqualTo("\"2\"");
        }
    }

    @Test
    void every_invalid_field_is_named_and_nothing_is_stored() {
        String subscription = subscription(ORG);
        long events = eventCount(subscription);

        Api.Response invalid = api.post(
                devicesPath(ORG, subscription),
                fullToken(),
                "{\"legacy_account_id\": 1, \"mac_address\": \"zz\", \"insurable_amount\": -1}");

        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.errorCode()).isEqualTo("INVALID_BODY");
        assertThat(invalid.json().get("error").get("message").asString())
                .contains("catalogue_commercial_device_id")
                .contains("mac_address")
                .contains("insurable_amount");
        assertThat(invalid.json().get("error").get("reference").asString()).endsWith("#INVALID_BODY");
        assertThat(eventCount(subscription)).isEqualTo(events);

        Api.Response enormous = api.post(
                devicesPath(ORG, subscription),
                fullToken(),
                "{\"catalogue_commercial_device_id\":\"X\",\"legacy_account_id\":1,\"insurable_amount\":1e1000000}");
        assertThat(enormous.status()).isEqualTo(400);
        assertThat(enormous.json().get("error").get("message").asString()).contains("insurable_amount");
    }

    @Test
    void each_malformed_identifier_has_its_own_code() {
        String subscription = subscription(ORG);
        String path = devicesPath(ORG, subscription);

        assertThat(api.post(path, fullToken(), Fixtures.sim("8934011411551283145", Fixtures.imsi()))
                        .errorCode())
                .isEqualTo("INVALID_ICCID_FORMAT");
        assertThat(api.post(path, fullToken(), Fixtures.sim(Fixtures.iccid(), "12345"))
                        .errorCode())
                .isEqualTo("INVALID_IMSI_FORMAT");
        assertThat(api.post(path, fullToken(), Fixtures.terminal("aa:bb", "S")).errorCode())
                .isEqualTo("INVALID_MAC_ADDRESS_FORMAT");
        assertThat(api.post(
                                path,
                                fullToken(),
                                "{\"catalogue_commercial_device_id\":\"X\",\"legacy_account_id\":1,\"imei\":\"490154203237517\"}")
                        .errorCode())
                .isEqualTo("INVALID_IMEI_FORMAT");
    }

    @Test
    void unknown_fields_wrong_types_bad_dates_and_bad_enums_are_refused() {
        String path = devicesPath(ORG, subscription(ORG));
        String valid = "\"catalogue_commercial_device_id\":\"X\",\"legacy_account_id\":1";

        Api.Response unknown = api.post(path, fullToken(), "{" + valid + ",\"colour\":\"red\"}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("error").get("message").asString()).contains("colour");
        Api.Response enumValue = api.post(path, fullToken(), "{" + valid + ",\"acquisition_type\":\"STOLEN\"}");
        assertThat(enumValue.status()).isEqualTo(400);
        assertThat(enumValue.json().get("error").get("message").asString()).contains("acquisition_type");
        assertThat(api.post(path, fullToken(), "{" + valid + ",\"in_store_delivery_date\":\"2026-01-01\"}")
                        .status())
                .isEqualTo(400);
        assertThat(api.post(
                                path,
                                fullToken(),
                                "{\"catalogue_commercial_device_id\":\"X\",\"legacy_account_id\":\"abc\"}")
                        .status())
                .isEqualTo(400);
        assertThat(api.post(path, fullToken(), "{" + valid).errorCode()).isEqualTo("INVALID_BODY");
        assertThat(api.post(path, fullToken(), "{" + valid + ",\"category\":\"SIM\"}")
                        .errorCode())
                .isEqualTo("INVALID_BODY");
    }

    @Test
    void adding_to_an_unknown_subscription_is_404() {
        Api.Response response = api.post(
                devicesPath(ORG, UUID.randomUUID().toString()), fullToken(), Fixtures.terminal(Fixtures.mac(), "S"));
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.errorCode()).isEqualTo("SUBSCRIPTION_NOT_FOUND");
    }

    @Test
    void a_device_id_legacy_id_or_iccid_in_use_anywhere_in_the_service_is_a_conflict() {
        String first = subscription(ORG);
        String second = subscription(OTHER_ORG);
        String iccid = Fixtures.iccid();
        Api.Response sim = api.post(devicesPath(ORG, first), fullToken(), Fixtures.sim(iccid, Fixtures.imsi()));
        assertThat(sim.status()).isEqualTo(201);
        long secondEvents = eventCount(second);

        Api.Response iccidAgain =
                api.post(devicesPath(OTHER_ORG, second), fullToken(), Fixtures.sim(iccid, Fixtures.imsi()));
        assertThat(iccidAgain.status()).isEqualTo(409);
        assertThat(iccidAgain.errorCode()).isEqualTo("ICCID_IN_USE");

        String sameId = "{\"id\":\"%s\",\"catalogue_commercial_device_id\":\"X\",\"legacy_account_id\":1}"
                .formatted(sim.json().get("id").asString());
        Api.Response idAgain = api.post(devicesPath(OTHER_ORG, second), fullToken(), sameId);
        assertThat(idAgain.status()).isEqualTo(409);
        assertThat(idAgain.errorCode()).isEqualTo("DEVICE_ALREADY_EXISTS");

        String sameLegacyId = "{\"legacy_id\":%d,\"catalogue_commercial_device_id\":\"X\",\"legacy_account_id\":1}"
                .formatted(sim.json().get("legacy_id").asLong());
        Api.Response legacyAgain = api.post(devicesPath(OTHER_ORG, second), fullToken(), sameLegacyId);
        assertThat(legacyAgain.status()).isEqualTo(409);
        assertThat(legacyAgain.errorCode()).isEqualTo("DEVICE_ALREADY_EXISTS");

        assertThat(eventCount(second))
                .as("nothing of a refused write is stored")
                .isEqualTo(secondEvents);
    }

    @Test
    void a_body_over_the_limit_is_413_and_a_wrong_content_type_is_415() throws Exception {
        String path = devicesPath(ORG, subscription(ORG));
        String huge = "{\"catalogue_commercial_device_id\":\"" + "x".repeat(20_000) + "\",\"legacy_account_id\":1}";

        Api.Response tooLarge = api.post(path, fullToken(), huge);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.errorCode()).isEqualTo("PAYLOAD_TOO_LARGE");

        HttpResponse<String> chunked = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .header("Authorization", "Bearer " + fullToken())
                                .header("Content-Type", "application/json")
                                // a stream of unknown length: sent in chunks, without Content-Length
                                .POST(HttpRequest.BodyPublishers.ofInputStream(
                                        () -> new ByteArrayInputStream(huge.getBytes(StandardCharsets.UTF_8))))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode())
                .as("a chunked body is counted while it is read")
                .isEqualTo(413);
        assertThat(chunked.body()).contains("\"PAYLOAD_TOO_LARGE\"");

        Api.Response text = api.post(path, fullToken(), "hello", Map.of("Content-Type", "text/plain"));
        assertThat(text.status()).isEqualTo(415);
        assertThat(text.errorCode()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void adding_a_sim_with_pin_codes_needs_the_secrets_scope_and_stores_nothing() {
        String subscription = subscription(ORG);
        long events = eventCount(subscription);

        Api.Response refused = api.post(
                devicesPath(ORG, subscription), token(Scopes.WRITE), Fixtures.sim(Fixtures.iccid(), Fixtures.imsi()));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.errorCode()).isEqualTo("MISSING_PERMISSIONS");
        assertThat(refused.json().get("error").get("message").asString()).contains("devices:secrets");
        assertThat(eventCount(subscription)).isEqualTo(events);
    }

    @Test
    void strings_no_read_model_could_store_are_refused_wherever_they_are_and_nothing_is_stored() throws Exception {
        String subscription = subscription(ORG);
        String deviceId = addTerminal(subscription);
        String path = devicesPath(ORG, subscription);
        long events = eventCount(subscription);
        String valid = "\"catalogue_commercial_device_id\":\"X\",\"legacy_account_id\":1";

        Api.Response nul = api.post(path, fullToken(), "{" + valid + ",\"serial_number\":\"a\\u0000b\"}");
        assertThat(nul.status()).isEqualTo(400);
        assertThat(nul.errorCode()).isEqualTo("INVALID_BODY");
        assertThat(nul.json().get("error").get("message").asString()).contains("serial_number");
        Api.Response surrogate =
                api.post(path, fullToken(), "{" + valid + ",\"commitments\":[{\"cancellation_user\":\"\\ud800\"}]}");
        assertThat(surrogate.status()).isEqualTo(400);
        assertThat(surrogate.json().get("error").get("message").asString())
                .contains("commitments[0].cancellation_user");
        Api.Response patched = api.patch(
                path + "/" + deviceId,
                fullToken(),
                "[{\"op\":\"replace\",\"path\":\"/serial_number\",\"value\":\"\\u0000\"}]",
                Map.of());
        assertThat(patched.status()).isEqualTo(400);
        assertThat(patched.errorCode()).isEqualTo("INVALID_PATCH");
        RawHttp.Answer overlong = new RawHttp(port)
                .send(
                        "POST",
                        path,
                        Map.of("Authorization", "Bearer " + fullToken(), "Content-Type", "application/json"),
                        concat(
                                ("{" + valid + ",\"serial_number\":\"a").getBytes(StandardCharsets.UTF_8),
                                new byte[] {(byte) 0xC0, (byte) 0x80},
                                "\"}".getBytes(StandardCharsets.UTF_8)));
        assertThat(overlong.status()).as(overlong.toString()).isEqualTo(400);
        assertThat(overlong.body()).contains("\"INVALID_BODY\"").contains("UTF-8");

        assertThat(eventCount(subscription)).isEqualTo(events);
    }

    @Test
    void each_string_is_bounded_by_the_column_it_ends_in() {
        String path = devicesPath(ORG, subscription(ORG));
        String template = "{\"catalogue_commercial_device_id\":\"X\",\"legacy_account_id\":1,\"%s\":\"%s\"}";

        for (String field : new String[] {"serial_number", "catalogue_device_id", "contract_document_id"}) {
            Api.Response tooLong = api.post(path, fullToken(), template.formatted(field, "s".repeat(256)));
            assertThat(tooLong.status()).as(field).isEqualTo(400);
            assertThat(tooLong.json().get("error").get("message").asString()).contains(field);
            assertThat(api.post(path, fullToken(), template.formatted(field, "s".repeat(255)))
                            .status())
                    .as(field)
                    .isEqualTo(201);
        }
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    // --- reading devices ---------------------------------------------------------------------

    @Test
    void finds_devices_of_the_org_by_mac_in_any_notation_and_by_serial_number() {
        String mac = Fixtures.mac();
        String serial = Fixtures.serial();
        String mine = subscription(ORG);
        String theirs = subscription(OTHER_ORG);
        api.post(devicesPath(ORG, mine), fullToken(), Fixtures.terminal(mac, serial));
        api.post(devicesPath(OTHER_ORG, theirs), fullToken(), Fixtures.terminal(mac, serial));

        String dotted = mac.replace(":", "").toLowerCase();
        dotted = dotted.substring(0, 4) + "." + dotted.substring(4, 8) + "." + dotted.substring(8);
        Api.Response byMac = api.get("/v2/orgs/yoigo/devices?mac_address=" + dotted, token(Scopes.READ));
        assertThat(byMac.status()).isEqualTo(200);
        assertThat(byMac.json()).hasSize(1);
        assertThat(byMac.json().get(0).get("serial_number").asString()).isEqualTo(serial);

        Api.Response bySerial = api.get("/v2/orgs/masmovil/devices?serial_number=" + serial, token(Scopes.READ));
        assertThat(bySerial.json()).hasSize(1);
        Api.Response both = api.get(
                "/v2/orgs/yoigo/devices?serial_number=" + serial + "&mac_address=" + mac.replace(":", ""),
                token(Scopes.READ));
        assertThat(both.json()).hasSize(1);
        assertThat(api.get("/v2/orgs/yoigo/devices?serial_number=nothing-" + serial, token(Scopes.READ))
                        .json())
                .isEmpty();
    }

    @Test
    void a_lookup_without_filters_or_with_a_malformed_mac_is_400() {
        Api.Response none = api.get("/v2/orgs/yoigo/devices", token(Scopes.READ));
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.errorCode()).isEqualTo("MISSING_QUERY_PARAMS");
        assertThat(api.get("/v2/orgs/yoigo/devices?mac_address=nope", token(Scopes.READ))
                        .errorCode())
                .isEqualTo("INVALID_MAC_ADDRESS_FORMAT");
    }

    @Test
    void lists_the_devices_of_a_subscription_optionally_by_mac() {
        String subscription = subscription(ORG);
        String mac = Fixtures.mac();
        api.post(devicesPath(ORG, subscription), fullToken(), Fixtures.terminal(mac, "A"));
        api.post(devicesPath(ORG, subscription), fullToken(), Fixtures.terminal(Fixtures.mac(), "B"));

        assertThat(api.get(devicesPath(ORG, subscription), token(Scopes.READ)).json())
                .hasSize(2);
        JsonNode filtered = api.get(
                        devicesPath(ORG, subscription) + "?mac_address=" + mac.toLowerCase(), token(Scopes.READ))
                .json();
        assertThat(filtered).hasSize(1);
        assertThat(filtered.get(0).get("serial_number").asString()).isEqualTo("A");

        assertThat(api.get(devicesPath(ORG, "not-a-uuid"), token(Scopes.READ)).status())
                .isEqualTo(400);
        Api.Response unknown = api.get(devicesPath(ORG, UUID.randomUUID().toString()), token(Scopes.READ));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errorCode()).isEqualTo("SUBSCRIPTION_NOT_FOUND");
    }

    @Test
    void reads_one_device_with_its_etag_and_404s_for_unknown_or_foreign_devices() {
        String subscription = subscription(ORG);
        String other = subscription(ORG);
        String deviceId = addTerminal(subscription);

        Api.Response found = api.get(devicesPath(ORG, subscription) + "/" + deviceId, token(Scopes.READ));
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.header("ETag")).isEqualTo("\"1\"");
        assertThat(found.json().get("id").asString()).isEqualTo(deviceId);

        Api.Response unknown = api.get(devicesPath(ORG, subscription) + "/" + UUID.randomUUID(), token(Scopes.READ));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errorCode()).isEqualTo("DEVICE_NOT_FOUND");
        assertThat(api.get(devicesPath(ORG, other) + "/" + deviceId, token(Scopes.READ))
                        .errorCode())
                .isEqualTo("DEVICE_NOT_FOUND");
        assertThat(api.get(devicesPath(ORG, UUID.randomUUID().toString()) + "/" + deviceId, token(Scopes.READ))
                        .errorCode())
                .isEqualTo("SUBSCRIPTION_NOT_FOUND");
    }

    @Test
    void pin_and_puk_are_left_out_without_the_secrets_scope() {
        String subscription = subscription(ORG);
        // writing the codes needs devices:secrets; the answer to a writer without it shows none
        Api.Response withoutCodes = api.post(
                devicesPath(ORG, subscription),
                token(Scopes.WRITE),
                Fixtures.sim(Fixtures.iccid(), Fixtures.imsi())
                        .replace("\"pin\": \"0123\", \"puk\": \"01234567\",", ""));
        assertThat(withoutCodes.status()).as(withoutCodes.toString()).isEqualTo(201);
        JsonNode hidden = withoutCodes.json().get("device_additional_details");
        assertThat(hidden.has("pin")).isFalse();
        assertThat(hidden.has("puk")).isFalse();
        assertThat(hidden.has("iccid")).isTrue();
        Api.Response added = api.post(
                devicesPath(ORG, subscription),
                token(Scopes.WRITE, Scopes.SECRETS),
                Fixtures.sim(Fixtures.iccid(), Fixtures.imsi()));

        String path =
                devicesPath(ORG, subscription) + "/" + added.json().get("id").asString();
        assertThat(api.get(path, token(Scopes.READ))
                        .json()
                        .get("device_additional_details")
                        .has("pin"))
                .isFalse();
        assertThat(api.get(path, token(Scopes.READ, Scopes.SECRETS))
                        .json()
                        .get("device_additional_details")
                        .get("pin")
                        .asString())
                .isEqualTo("0123");
        assertThat(api.get(devicesPath(ORG, subscription), token(Scopes.READ))
                        .json()
                        .get(0)
                        .get("device_additional_details")
                        .has("puk"))
                .isFalse();
    }

    // --- patching devices --------------------------------------------------------------------

    @Test
    void patches_atomically_keeps_the_reason_and_moves_the_etag() {
        String subscription = subscription(ORG);
        String deviceId = addTerminal(subscription);
        String path = devicesPath(ORG, subscription) + "/" + deviceId;

        Api.Response patched = api.patch(
                path,
                fullToken(),
                """
                [{"op":"test","path":"/serial_number","value":"S"},
                 {"op":"replace","path":"/serial_number","value":"S2","reason":"TYPO"},
                 {"op":"add","path":"/in_store_returned_date","value":"2026-02-01T10:00:00Z","reason":"SUBSCRIBER_REQUESTED"},
                 {"op":"remove","path":"/insurable_amount"}]""",
                Map.of("If-Match", "\"1\""));

        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.header("ETag")).isEqualTo("\"2\"");
        assertThat(patched.json().get("serial_number").asString()).isEqualTo("S2");
        assertThat(patched.json().get("status").asString()).isEqualTo("INACTIVE");
        assertThat(patched.json().get("insurable_amount").isNull()).isTrue();
        String event = lastEventPayload(subscription);
        assertThat(event).contains("SUBSCRIBER_REQUESTED").contains("TYPO").contains("\"version\":2");
    }

    @Test
    void accepts_plain_json_as_the_patch_content_type() {
        String subscription = subscription(ORG);
        String deviceId = addTerminal(subscription);

        Api.Response patched = api.patch(
                devicesPath(ORG, subscription) + "/" + deviceId,
                fullToken(),
                "[{\"op\":\"replace\",\"path\":\"/serial_number\",\"value\":\"J\"}]",
                Map.of("Content-Type", "application/json"));
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().get("serial_number").asString()).isEqualTo("J");
    }

    @Test
    void a_stale_if_match_is_412_and_changes_nothing() {
        String subscription = subscription(ORG);
        String deviceId = addTerminal(subscription);
        String path = devicesPath(ORG, subscription) + "/" + deviceId;
        api.patch(path, fullToken(), "[{\"op\":\"replace\",\"path\":\"/serial_number\",\"value\":\"S2\"}]", Map.of());
        long events = eventCount(subscription);

        Api.Response stale = api.patch(
                path,
                fullToken(),
                "[{\"op\":\"replace\",\"path\":\"/serial_number\",\"value\":\"S3\"}]",
                Map.of("If-Match", "\"1\""));

        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.errorCode()).isEqualTo("STALE_VERSION");
        assertThat(eventCount(subscription)).isEqualTo(events);
        assertThat(api.get(path, fullToken()).json().get("serial_number").asString())
                .isEqualTo("S2");
    }

    @Test
    void a_refused_patch_is_400_and_changes_nothing() {
        String subscription = subscription(ORG);
        String deviceId = addTerminal(subscription);
        String path = devicesPath(ORG, subscription) + "/" + deviceId;
        long events = eventCount(subscription);

        for (String patch : new String[] {
            "[{\"op\":\"replace\",\"path\":\"/status\",\"value\":\"DEACTIVATED\"}]",
            "[{\"op\":\"replace\",\"path\":\"/id\",\"value\":\"" + UUID.randomUUID() + "\"}]",
            "[{\"op\":\"remove\",\"path\":\"/legacy_id\"}]",
            "[{\"op\":\"replace\",\"path\":\"/category\",\"value\":\"SIM\"}]",
            "[{\"op\":\"replace\",\"path\":\"/serial_number\",\"value\":\"Z\"},{\"op\":\"test\",\"path\":\"/serial_number\",\"value\":\"nope\"}]",
            "[{\"op\":\"remove\",\"path\":\"/no_such_field\"}]",
            "[{\"op\":\"replace\",\"path\":\"/mac_address\",\"value\":\"zz\"}]",
            "[{\"op\":\"remove\",\"path\":\"/catalogue_commercial_device_id\"}]",
            "[{\"op\":\"add\",\"path\":\"/colour\",\"value\":\"red\"}]",
            "[{\"op\":\"jump\",\"path\":\"/serial_number\"}]",
            "{\"op\":\"replace\"}",
            "not json"
        }) {
            Api.Response refused = api.patch(path, fullToken(), patch, Map.of());
            assertThat(refused.status()).as(patch + " -> " + refused).isEqualTo(400);
            assertThat(refused.json().get("error").get("message").asString()).isNotBlank();
        }
        assertThat(eventCount(subscription)).isEqualTo(events);
        assertThat(api.get(path, fullToken()).json().get("serial_number").asString())
                .isEqualTo("S");
    }

    @Test
    void a_patch_that_changes_nothing_is_200_and_records_no_event() {
        String subscription = subscription(ORG);
        String deviceId = addTerminal(subscription);
        long events = eventCount(subscription);

        Api.Response same = api.patch(
                devicesPath(ORG, subscription) + "/" + deviceId,
                fullToken(),
                "[{\"op\":\"replace\",\"path\":\"/serial_number\",\"value\":\"S\"},"
                        + "{\"op\":\"replace\",\"path\":\"/insurable_amount\",\"value\":199.900}]",
                Map.of());

        assertThat(same.status()).isEqualTo(200);
        assertThat(same.header("ETag")).isEqualTo("\"1\"");
        assertThat(eventCount(subscription)).isEqualTo(events);
    }

    @Test
    void patching_an_unknown_device_or_subscription_is_404() {
        String subscription = subscription(ORG);
        String patch = "[{\"op\":\"replace\",\"path\":\"/serial_number\",\"value\":\"S\"}]";
        assertThat(api.patch(devicesPath(ORG, subscription) + "/" + UUID.randomUUID(), fullToken(), patch, Map.of())
                        .errorCode())
                .isEqualTo("DEVICE_NOT_FOUND");
        assertThat(api.patch(
                                devicesPath(ORG, UUID.randomUUID().toString()) + "/" + UUID.randomUUID(),
                                fullToken(),
                                patch,
                                Map.of())
                        .errorCode())
                .isEqualTo("SUBSCRIPTION_NOT_FOUND");
    }

    @Test
    void pin_codes_can_only_be_patched_with_the_secrets_scope() {
        String subscription = subscription(ORG);
        String deviceId = api.post(
                        devicesPath(ORG, subscription), fullToken(), Fixtures.sim(Fixtures.iccid(), Fixtures.imsi()))
                .json()
                .get("id")
                .asString();
        String path = devicesPath(ORG, subscription) + "/" + deviceId;
        String changePin = "[{\"op\":\"replace\",\"path\":\"/device_additional_details/pin\",\"value\":\"9999\"}]";

        Api.Response refused = api.patch(path, token(Scopes.READ, Scopes.WRITE), changePin, Map.of());
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.errorCode()).isEqualTo("MISSING_PERMISSIONS");

        Api.Response allowed = api.patch(path, fullToken(), changePin, Map.of());
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.json().get("device_additional_details").get("pin").asString())
                .isEqualTo("9999");
    }
}
