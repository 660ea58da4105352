package com.subscriptiondevices.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.subscriptiondevices.platform.security.Scopes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Everything a write accepts fits every read model: a read model is written in the same transaction as
 * the events, so a value its tables cannot hold would fail the write (500) instead of being refused
 * (400). The limits are read from the read models' own tables, so the edge and the schema cannot drift
 * apart: a new column must be named here, and each limit is proved refused at the edge, one character
 * past it, and accepted at it. Every string of every request body is also proved to refuse NUL, which
 * no PostgreSQL text column can hold, with nothing stored.
 */
class ReadModelLimitsIT extends PostgresIT {

    /** How a request fills a column: a body member the edge bounds, or a value whose form bounds it. */
    private sealed interface Source permits Member, Org, Form {}

    /** Members of the add-device body that end in the column as they are. */
    private record Member(List<String> fields) implements Source {}

    /** The org of the request's path. */
    private record Org() implements Source {}

    /** A value of a fixed form, at most {@code longest} characters: an enum, a normalized identifier. */
    private record Form(int longest, String why) implements Source {}

    private static final Map<String, Source> COLUMNS = Map.ofEntries(
            Map.entry("device_model.subscription_view.org", new Org()),
            Map.entry("device_model.device_view.org", new Org()),
            Map.entry("device_model.subscription_view.msisdn", new Form(16, "E.164: + and at most 15 digits")),
            Map.entry("device_model.device_view.category", new Form(5, "SIM or OTHER")),
            Map.entry("device_model.device_view.mac_address", new Form(17, "stored as AA:BB:CC:DD:EE:FF")),
            Map.entry("device_model.device_view.serial_number", new Member(List.of("serial_number"))),
            Map.entry("device_model.device_view.iccid", new Form(20, "an ICCID has 19 or 20 digits")),
            Map.entry("device_model.device_view.imsi", new Form(15, "an IMSI has 14 or 15 digits")),
            Map.entry("device_model.device_view.imei", new Form(15, "stored as the IMEI's 15 digits")),
            Map.entry("v1_device_model.v1_subscription.org", new Org()),
            Map.entry("v1_device_model.v1_device.category", new Form(5, "SIM or OTHER")),
            Map.entry(
                    "v1_device_model.v1_device.catalogue_device_id",
                    new Member(List.of("catalogue_device_id", "catalogue_commercial_device_id"))),
            Map.entry("v1_device_model.v1_device.status", new Form(8, "ACTIVO or INACTIVO")),
            Map.entry("v1_device_model.v1_device.contract_document_id", new Member(List.of("contract_document_id"))),
            Map.entry("v1_device_model.v1_change_request.status", new Form(9, "PENDING, PROCESSED or REJECTED")),
            Map.entry(
                    "v1_device_model.v1_change_request.contract_document_id",
                    new Member(List.of("contract_document_id"))),
            Map.entry("v1_device_model.v1_change_request.fabrication_type", new Form(4, "ESIM or PSIM")),
            Map.entry("v1_device_model.v1_change_request.iccid", new Form(20, "an ICCID has 19 or 20 digits")),
            Map.entry("v1_device_model.v1_change_request.imsi", new Form(15, "an IMSI has 14 or 15 digits")),
            Map.entry("v1_device_model.v1_change_request.new_iccid", new Form(20, "an ICCID has 19 or 20 digits")),
            Map.entry("v1_device_model.v1_change_request.new_imsi", new Form(15, "an IMSI has 14 or 15 digits")),
            Map.entry("sim_swap_model.sim_swap.msisdn", new Form(16, "E.164: + and at most 15 digits")),
            Map.entry("sim_swap_model.sim_swap.org", new Org()));

    @Test
    void every_column_limit_of_the_read_models_is_refused_at_the_edge_one_past_it_and_accepted_at_it() {
        Map<String, Integer> limits = new TreeMap<>();
        jdbc.sql("select table_schema || '.' || table_name || '.' || column_name, character_maximum_length"
                        + " from information_schema.columns where table_schema in ('device_model', 'v1_device_model', 'sim_swap_model')"
                        + " and table_name <> 'flyway_schema_history' and character_maximum_length is not null")
                .query((rs, row) -> Map.entry(rs.getString(1), rs.getInt(2)))
                .list()
                .forEach(column -> limits.put(column.getKey(), column.getValue()));
        assertThat(limits.keySet())
                .as("every bounded column of the read models, and only those, says how the edge bounds it")
                .containsExactlyInAnyOrderElementsOf(COLUMNS.keySet());

        String devices = devicesPath(ORG, subscription(ORG));
        limits.forEach((column, limit) -> {
            Source source = COLUMNS.get(column);
            if (source instanceof Member member) {
                member.fields().forEach(field -> {
                    Api.Response tooLong = api.post(devices, fullToken(), terminalWith(field, "s".repeat(limit + 1)));
                    assertThat(tooLong.status()).as(column + " <- " + field).isEqualTo(400);
                    assertThat(tooLong.json().get("error").get("message").asString())
                            .contains(field);
                    assertThat(api.post(devices, fullToken(), terminalWith(field, "s".repeat(limit)))
                                    .status())
                            .as(column + " <- " + field + " at its limit")
                            .isEqualTo(201);
                });
            } else if (source instanceof Org) {
                String longest = "o".repeat(limit);
                String tooLong = "o".repeat(limit + 1);
                String token = tokens.mint(
                        "user-1",
                        "agent@shop.example",
                        List.of(longest, tooLong),
                        List.of(Scopes.READ, Scopes.WRITE),
                        Duration.ofMinutes(5));
                assertThat(api.post("/v2/orgs/" + tooLong + "/subscriptions", token, "{\"legacy_account_id\": 1}")
                                .status())
                        .as(column)
                        .isEqualTo(400);
                assertThat(api.post("/v2/orgs/" + longest + "/subscriptions", token, "{\"legacy_account_id\": 1}")
                                .status())
                        .as(column + " at its limit")
                        .isEqualTo(201);
            } else if (source instanceof Form form) {
                assertThat(form.longest()).as(column + ": " + form.why()).isLessThanOrEqualTo(limit);
            }
        });
    }

    @Test
    void a_nul_in_any_string_of_any_request_body_is_refused_and_nothing_is_stored() {
        JsonNode schemas =
                api.get("/v3/api-docs", null).json().get("components").get("schemas");
        Sim sim = sim();
        String devices = devicesPath(ORG, sim.subscriptionId());
        String device = devicesPath(ORG, sim.subscriptionId()) + "/" + addTerminal(sim.subscriptionId());
        long events = eventCount(sim.subscriptionId());

        Map<String, JsonNode> bodies = new LinkedHashMap<>();
        bodies.put("DeviceRequest", Api.JSON.readTree(fullTerminal()));
        bodies.put("DeviceRequest (a SIM)", Api.JSON.readTree(fullSim()));
        bodies.put("ReplacementRequest", Api.JSON.readTree(fullReplacement(sim)));
        String registered = java.util.UUID.randomUUID().toString();
        bodies.put("SubscriptionRequest", Api.JSON.readTree(fullSubscription(registered)));
        int refused = 0;
        for (Map.Entry<String, JsonNode> body : bodies.entrySet()) {
            String schema = body.getKey().split(" ")[0];
            List<String> declared = stringMembers(schemas, schemas.get(schema), "");
            List<String> sent = new ArrayList<>();
            strings(body.getValue(), "", sent);
            assertThat(sent)
                    .as("the sample %s fills every string the document declares", body.getKey())
                    .containsAll(declared.stream()
                            .filter(member ->
                                    body.getKey().contains("SIM") == member.contains("device_additional_details"))
                            .toList());
            for (String member : sent) {
                JsonNode poisoned = body.getValue().deepCopy();
                replace(poisoned, member, "a\u0000b");
                Api.Response answer =
                        switch (schema) {
                            case "ReplacementRequest" ->
                                api.post(sim.v1Path() + "/replacement", fullToken(), poisoned.toString());
                            case "SubscriptionRequest" ->
                                api.post("/v2/orgs/" + ORG + "/subscriptions", fullToken(), poisoned.toString());
                            default -> api.post(devices, fullToken(), poisoned.toString());
                        };
                assertThat(answer.status())
                        .as(body.getKey() + " " + member + ": " + answer)
                        .isEqualTo(400);
                refused++;
            }
        }
        for (String member : List.of("/serial_number", "/reservation_id", "/manufacturing_info/id")) {
            Api.Response patched = api.patch(
                    device,
                    fullToken(),
                    "[{\"op\":\"add\",\"path\":\"" + member + "\",\"value\":\"a\\u0000b\",\"reason\":\"fix\"}]",
                    Map.of());
            assertThat(patched.status()).as("PATCH " + member + ": " + patched).isEqualTo(400);
            Api.Response reason = api.patch(
                    device,
                    fullToken(),
                    "[{\"op\":\"add\",\"path\":\"" + member + "\",\"value\":\"ok\",\"reason\":\"a\\u0000b\"}]",
                    Map.of());
            assertThat(reason.status()).as("PATCH reason: " + reason).isEqualTo(400);
            refused += 2;
        }
        String subscription = "/v2/orgs/" + ORG + "/subscriptions/" + sim.subscriptionId();
        for (String operation : List.of(
                "[{\"op\":\"add\",\"path\":\"/msisdn\",\"value\":\"+3460\\u0000123456\"}]",
                "[{\"op\":\"add\",\"path\":\"/msisdn\\u0000\",\"value\":\"+34600123456\"}]",
                "[{\"op\":\"test\",\"path\":\"/org\",\"value\":\"a\\u0000b\"}]")) {
            Api.Response patched = api.patch(subscription, fullToken(), operation, Map.of());
            assertThat(patched.status())
                    .as("PATCH subscription " + operation + ": " + patched)
                    .isEqualTo(400);
            refused++;
        }
        for (String path : List.of(SimSwapCalls.RETRIEVE, SimSwapCalls.CHECK)) {
            // the SIM swap bodies never reach storage, and are held to the same rule
            Api.Response checked = api.post(
                    path,
                    tokens.mint("bank", null, List.of(ORG), List.of(Scopes.SIM_SWAP), Duration.ofMinutes(5)),
                    "{\"phoneNumber\":\"+3460\\u0000123456\"}");
            SimSwapCalls.assertCamara(checked, 400, "INVALID_ARGUMENT");
            refused++;
        }
        assertThat(eventCount(sim.subscriptionId())).as("nothing stored").isEqualTo(events);
        assertThat(eventCount(registered)).as("no subscription registered").isZero();
        assertThat(api.get(devices, fullToken()).json()).as("no device added").hasSize(2);
        System.out.printf("NUL refused in %d request members, nothing stored%n", refused);
    }

    /** The string members a request schema declares, as JSON pointers ({@code /a/b}, arrays at index 0). */
    private static List<String> stringMembers(JsonNode schemas, JsonNode schema, String at) {
        List<String> members = new ArrayList<>();
        JsonNode resolved = schema.has("$ref")
                ? schemas.get(schema.get("$ref").asString().replace("#/components/schemas/", ""))
                : schema;
        if (resolved.has("properties")) {
            for (Map.Entry<String, JsonNode> property :
                    resolved.get("properties").properties()) {
                members.addAll(stringMembers(schemas, property.getValue(), at + "/" + property.getKey()));
            }
        } else if (resolved.has("items")) {
            members.addAll(stringMembers(schemas, resolved.get("items"), at + "/0"));
        } else if ("string".equals(resolved.path("type").asString())) {
            members.add(at);
        }
        return members;
    }

    private static void strings(JsonNode node, String at, List<String> found) {
        if (node.isString()) {
            found.add(at);
        } else if (node.isObject()) {
            node.properties().forEach(member -> strings(member.getValue(), at + "/" + member.getKey(), found));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                strings(node.get(i), at + "/" + i, found);
            }
        }
    }

    private static void replace(JsonNode root, String pointer, String value) {
        String parent = pointer.substring(0, pointer.lastIndexOf('/'));
        String last = pointer.substring(pointer.lastIndexOf('/') + 1);
        JsonNode container = parent.isEmpty() ? root : root.at(parent);
        if (container instanceof ArrayNode array) {
            array.set(Integer.parseInt(last), value);
        } else {
            ((ObjectNode) container).put(last, value);
        }
    }

    private static String terminalWith(String field, String value) {
        ObjectNode body = Api.JSON
                .createObjectNode()
                .put("catalogue_commercial_device_id", "X")
                .put("legacy_account_id", 1);
        return body.put(field, value).toString();
    }

    /** A terminal with every member the add-device body has. */
    private static String fullTerminal() {
        return """
                {"id": "%s", "catalogue_commercial_device_id": "ROUTER-X1", "catalogue_device_id": "CAT-1",
                 "reservation_id": "R-1", "signature_process_id": "SIG-1", "shipping_order_id": "SH-1",
                 "pickup_order_id": "PU-1", "in_store_delivery_date": "2026-01-15T10:00:00Z",
                 "in_store_returned_date": "2026-02-15T10:00:00Z",
                 "manufacturing_info": {"id_type": "SERIAL_NUMBER", "id": "M-1"}, "serial_number": "S-1",
                 "mac_address": "%s", "imei": "49-015420-323751-8", "acquisition_type": "FINANCED",
                 "commitments": [{"id": "%s", "legacy_id": 9, "expiration_date": "2027-01-15T00:00:00Z",
                   "cancellation_date": "2026-06-01T00:00:00Z", "cancellation_system": "CRM",
                   "cancellation_user": "agent"}],
                 "insurable_amount": 199.90, "legacy_account_id": 4711, "category": "OTHER",
                 "contract_document_id": "DOC-1"}"""
                .formatted(java.util.UUID.randomUUID(), Fixtures.mac(), java.util.UUID.randomUUID());
    }

    /** A registration with every member. */
    private static String fullSubscription(String id) {
        return """
                {"id": "%s", "legacy_id": %d, "legacy_account_id": 4711, "msisdn": "%s"}"""
                .formatted(
                        id,
                        java.util.concurrent.ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50),
                        Fixtures.msisdn());
    }

    /** A SIM with every member of its additional details. */
    private static String fullSim() {
        return """
                {"catalogue_commercial_device_id": "P045A1SNC", "legacy_account_id": 4711, "category": "SIM",
                 "device_additional_details": {"iccid": "%s", "imsi": "%s", "pin": "0123", "puk": "01234567",
                   "pin2": "1234", "puk2": "12345678", "fabrication_type": "eSIM"}}"""
                .formatted(Fixtures.iccid(), Fixtures.imsi());
    }

    private static String fullReplacement(Sim sim) {
        return """
                {"category": "SIM", "user_name": "agent@shop.example", "change_reason": "sim lost",
                 "subscription_device_change_request": {"fabrication_type": "eSIM", "signature_process_id": "sig-1",
                   "signature_type": "PAPER", "iccid": "%s", "imsi": "%s", "new_iccid": "%s", "new_imsi": "%s"}}"""
                .formatted(sim.iccid(), sim.imsi(), Fixtures.iccid(), Fixtures.imsi());
    }
}
