package com.subscriptiondevices.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.subscriptiondevices.api.error.ErrorCode;
import com.subscriptiondevices.platform.security.Scopes;
import com.subscriptiondevices.platform.testing.EdgeAnswers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.instancio.Instancio;
import org.instancio.Random;
import org.instancio.Select;
import org.instancio.generator.AfterGenerate;
import org.instancio.generator.Generator;
import org.instancio.generator.Hints;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A property of every endpoint, checked on a few thousand requests that Instancio generates from a
 * seed: valid requests of every endpoint, each mutated in one way (a JSON value of another type, size
 * or text; a member added, removed, renamed or repeated; bytes that are not UTF-8; a malformed JSON
 * Patch; an odd query value or path segment; an odd header, method or request line). Whatever the
 * request, the answer is no 5xx; a refusal is the family's JSON body with a catalogue code and no
 * internals; and a refused request stored nothing (event store and read-model row counts). Sent
 * over a raw socket, since HTTP clients refuse to send many of them. {@code -Dfuzz.seed=} replays a
 * run, {@code -Dfuzz.requests=} sizes it.
 */
class FuzzIT extends PostgresIT {

    private static final long SEED = Long.getLong("fuzz.seed", 20_261_130L);
    private static final int REQUESTS = Integer.getInteger("fuzz.requests", 3000);

    private static final Set<String> CODES =
            Arrays.stream(ErrorCode.values()).map(Enum::name).collect(Collectors.toSet());

    /** CAMARA's codes the SIM swap family answers with. */
    private static final Set<String> CAMARA_CODES = Set.of(
            "INVALID_ARGUMENT",
            "OUT_OF_RANGE",
            "UNAUTHENTICATED",
            "PERMISSION_DENIED",
            "NOT_FOUND",
            "IDENTIFIER_NOT_FOUND",
            "METHOD_NOT_ALLOWED",
            "NOT_ACCEPTABLE",
            "CONTENT_TOO_LARGE",
            "UNSUPPORTED_MEDIA_TYPE",
            "MISSING_IDENTIFIER",
            "UNNECESSARY_IDENTIFIER",
            "INTERNAL",
            "UNAVAILABLE");

    /**
     * What a refused request must leave as it was: the event store (less the SIM replacement process's
     * own later events, which a request accepted earlier may still cause), every read model, and the
     * uniqueness claims (last: the process releases a refused new ICCID's claim later, so they may
     * shrink meanwhile, never grow).
     */
    private static final String STORED = "select (select count(*) from domainevententry"
            + "   where payloadtype not like '%.SimReplaced' and payloadtype not like '%.SimReplacementRejected')"
            + " || '/' || (select count(*) from device_model.subscription_view) || '/' || (select count(*) from device_model.device_view)"
            + " || '/' || (select count(*) from v1_device_model.v1_subscription) || '/' || (select count(*) from v1_device_model.v1_device)"
            + " || '/' || (select count(*) from v1_device_model.v1_change_request) || '/' || (select count(*) from hub_listener)"
            + " || '/' || (select count(*) from sim_swap_model.sim_swap) || '/' || (select count(*) from unique_claim)";

    /**
     * The hub's listeners that valid registrations leave: in the other org (no other request here writes
     * there), at a port nothing listens on, for a type nothing sends yet; removed before and after the run.
     */
    private static final String FUZZ_LISTENERS =
            "delete from hub_listener where org = '" + OTHER_ORG + "' and callback like 'http://127.0.0.1:9/%'";

    private static final String DEAD_LETTERS = "select count(*) from deadletterentry";

    /** A request as bytes go on the wire, and which mutation made it. */
    record Attempt(String method, String target, Map<String, String> headers, byte[] body, String mutation) {

        boolean v1() {
            return target.startsWith("/v1/");
        }

        boolean camara() {
            return target.startsWith("/sim-swap/");
        }

        @Override
        public String toString() {
            String shown = body == null ? "" : new String(body, StandardCharsets.UTF_8);
            return mutation + ": " + method + " " + target + " " + headers.keySet() + " "
                    + (shown.length() > 300 ? shown.substring(0, 300) + "…" : shown);
        }
    }

    @Test
    void no_request_of_any_shape_gets_a_5xx_internals_or_a_half_stored_refusal() throws IOException {
        jdbc.sql(FUZZ_LISTENERS).update();
        Attempts attempts = new Attempts(this);
        RawHttp raw = new RawHttp(port);
        long deadLetters = jdbc.sql(DEAD_LETTERS).query(Long.class).single();
        Map<Integer, Integer> statuses = new TreeMap<>();
        long started = System.nanoTime();
        String stored = stored();
        List<Attempt> all = Instancio.of(Attempt.class).withSeed(SEED).supply(Select.root(), attempts).stream()
                .limit(REQUESTS)
                .toList();
        for (Attempt attempt : all) {
            RawHttp.Answer answer = raw.send(attempt.method(), attempt.target(), attempt.headers(), attempt.body());
            statuses.merge(answer.status(), 1, Integer::sum);
            check(attempt, answer);
            String now = stored();
            if (answer.status() >= 400 && storedSomething(stored, now)) {
                fail("A refused request stored something (" + stored + " -> " + now + "): " + attempt + " -> "
                        + answer);
            }
            stored = now;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf(
                "FuzzIT: %d requests (seed %d) in %.1f s; answers by status: %s%n",
                all.size(), SEED, took.toMillis() / 1000.0, statuses);
        assertThat(jdbc.sql(DEAD_LETTERS).query(Long.class).single())
                .as("no accepted write left a read model unable to hold it")
                .isEqualTo(deadLetters);
        assertThat(statuses.keySet()).as("valid requests got through too").anyMatch(status -> status < 300);
        // the network refuses the replacements asked here a moment later; other tests ask for that ICCID too
        eventually("the fuzzed replacements are answered", attempts::noReplacementPending);
        jdbc.sql(FUZZ_LISTENERS).update();
    }

    private String stored() {
        return jdbc.sql(STORED).query(String.class).single();
    }

    /** Whether any count changed, but for the claims' shrinking. */
    private static boolean storedSomething(String before, String after) {
        String[] was = before.split("/");
        String[] is = after.split("/");
        int claims = was.length - 1;
        return !Arrays.equals(was, 0, claims, is, 0, claims)
                || Long.parseLong(is[claims]) > Long.parseLong(was[claims]);
    }

    private static void check(Attempt attempt, RawHttp.Answer answer) {
        String where = attempt + " -> " + answer;
        if (answer.status() == -1) {
            // only a request line that is not HTTP at all may get no answer (Tomcat closes the connection)
            assertThat(attempt.mutation()).as(where).startsWith("request-line");
            return;
        }
        assertThat(answer.status()).as(where).isBetween(200, 499);
        if (answer.status() < 400 || attempt.method().equals("HEAD")) {
            return;
        }
        assertThat(answer.header("Content-Type")).as(where).startsWith("application/json");
        assertThat(EdgeAnswers.INTERNALS.matcher(answer.body()).find())
                .as(where)
                .isFalse();
        JsonNode body = Api.JSON.readTree(answer.body());
        boolean eitherFamily = attempt.mutation().startsWith("request-line");
        if (body.has("status") && (attempt.camara() || eitherFamily)) {
            assertThat(body.size()).as(where).isEqualTo(3);
            assertThat(body.path("status").asInt()).as(where).isEqualTo(answer.status());
            assertThat(CAMARA_CODES).as(where).contains(body.path("code").asString());
            assertThat(body.path("message").asString()).as(where).isNotBlank();
            assertThat(answer.header("x-correlator")).as(where).isNotNull();
        } else if (body.has("errors") && (attempt.v1() || eitherFamily)) {
            for (JsonNode item : body.get("errors")) {
                assertThat(CODES).as(where).contains(item.path("code").asString());
                assertThat(item.path("title").asString()).as(where).isNotBlank();
                assertThat(item.path("ref").asString())
                        .as(where)
                        .endsWith("#" + item.path("code").asString());
                assertThat(item.path("details").asString()).as(where).isNotBlank();
            }
            assertThat(body.get("errors").size()).as(where).isPositive();
        } else {
            assertThat((attempt.v1() || attempt.camara()) && !eitherFamily)
                    .as("V1 or CAMARA body expected: " + where)
                    .isFalse();
            JsonNode error = body.get("error");
            assertThat(error).as(where).isNotNull();
            assertThat(CODES).as(where).contains(error.path("code").asString());
            assertThat(error.path("message").asString()).as(where).isNotBlank();
            assertThat(error.path("reference").asString())
                    .as(where)
                    .endsWith("#" + error.path("code").asString());
        }
    }

    /** Valid requests of every endpoint, and the ways one is mutated; Instancio draws from them. */
    static final class Attempts implements Generator<Attempt> {

        private static final List<String> NASTY_TEXT = List.of(
                "",
                " ",
                "\u0000",
                "a\u0000b",
                "\ud800",
                "x\udc00",
                "\ud83d\ude00",
                "\u202e",
                "\u0001\u001f\u007f",
                "\t\n\r",
                "\u00e9\u00f1",
                "\uffff",
                "\ufeff",
                "x".repeat(256),
                "y".repeat(5000),
                "9".repeat(30),
                "-1",
                "1e309",
                "NaN",
                "<b>",
                "' or 1=1--",
                "../../x",
                "${x}",
                "\\",
                "\"",
                "\\u0000");

        private static final List<String> NASTY_JSON = List.of(
                "0",
                "-1",
                "1.5",
                "1e309",
                "-0",
                "99999999999999999999999",
                "1E-400",
                "true",
                "false",
                "null",
                "{}",
                "[]",
                "[[]]",
                "[null]",
                "[1,2,3]",
                "{\"x\":1}",
                "[" + "[".repeat(40) + "]".repeat(40) + "]",
                "[".repeat(700) + "]".repeat(700),
                "{\"a\":".repeat(60) + "1" + "}".repeat(60));

        private static final List<String> NASTY_DOCUMENTS = List.of(
                "", "[]", "{}", "null", "\"x\"", "1", "not json", "{", "[", "{\"a\":}", "\ufeff{}", "{}{}", "[{}]");

        private static final List<String> NASTY_QUERY = List.of(
                "%",
                "%G1",
                "%0",
                "%00",
                "a%00b",
                "%C0%80",
                "%ED%A0%80",
                "%FF",
                "%E2%80%AE",
                "%20",
                "+",
                "%2B",
                "",
                "x".repeat(3000),
                "%25",
                "%26",
                "%3D",
                "-1",
                "0",
                "99999999999999999999",
                "SIM%00",
                "true%00");

        private static final List<String> NASTY_SEGMENTS = List.of(
                "",
                "%20",
                "%00",
                "%2f",
                "%5c",
                "%25",
                "..",
                ".",
                "%2e%2e",
                "%ED%A0%80",
                "%C0%80",
                "%E2%80%AE",
                "x".repeat(300),
                ";a=b",
                "0",
                "-1",
                "99999999999999999999",
                "1.5",
                "%09",
                "%0A",
                "%7F",
                "~",
                "*");

        private static final List<String> METHODS =
                List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "FOO", "get");

        private static final List<String> CONTENT_TYPES = List.of(
                "text/plain",
                "application/json; charset=ISO-8859-1",
                "application/json; charset=nope",
                "application/json-patch+json",
                "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x",
                "a/b/c",
                "",
                ";;;",
                "application/xml");

        private final FuzzIT test;
        private final String subscription;
        private final long subscriptionLegacyId;
        private final String terminal;
        private final String sim;
        private final long simLegacyId;
        private final String iccid;
        private final String imsi;
        private final String mac;
        private final String msisdn;
        private final String token;
        private final String listener;
        private final List<Endpoint> endpoints;

        /** One endpoint's valid request. */
        private record Endpoint(String method, String path, String query, String contentType, String body) {}

        Attempts(FuzzIT test) {
            this.test = test;
            this.token = test.token(
                    Scopes.READ,
                    Scopes.WRITE,
                    Scopes.SECRETS,
                    Scopes.AUDIT,
                    Scopes.ADMIN,
                    Scopes.EVENTS,
                    Scopes.SIM_SWAP);
            this.msisdn = Fixtures.msisdn();
            Api.Response created = test.api.post(
                    "/v2/orgs/" + ORG + "/subscriptions",
                    token,
                    "{\"legacy_account_id\": 4711, \"msisdn\": \"" + msisdn + "\"}");
            this.subscription = created.json().get("id").asString();
            this.subscriptionLegacyId = created.json().get("legacy_id").asLong();
            this.mac = Fixtures.mac();
            this.terminal = test.api
                    .post(test.devicesPath(ORG, subscription), token, Fixtures.terminal(mac, "S"))
                    .json()
                    .get("id")
                    .asString();
            this.iccid = Fixtures.iccid();
            this.imsi = Fixtures.imsi();
            JsonNode simDevice = test.api
                    .post(test.devicesPath(ORG, subscription), token, Fixtures.sim(iccid, imsi))
                    .json();
            this.sim = simDevice.get("id").asString();
            this.simLegacyId = simDevice.get("legacy_id").asLong();
            this.listener = test.api
                    .post("/v2/orgs/" + OTHER_ORG + "/hub", token, LISTENER)
                    .json()
                    .get("id")
                    .asString();
            this.endpoints = endpoints();
        }

        /** A valid registration: a callback nothing answers at, and a type nothing sends (yet). */
        private static final String LISTENER = "{\"callback\":\"http://127.0.0.1:9/fuzz-hook\","
                + "\"query\":\"type=subscription-devices.msisdn.changed\","
                + "\"secret\":\"fuzz-secret-0123456789-0123456789-abcdef\"}";

        private List<Endpoint> endpoints() {
            String v2 = "/v2/orgs/" + ORG + "/subscriptions/" + subscription;
            String v1 = "/v1/orgs/" + ORG + "/subscriptions/" + subscriptionLegacyId + "/devices";
            String json = "application/json";
            String hub = "/v2/orgs/" + OTHER_ORG + "/hub";
            return List.of(
                    new Endpoint(
                            "POST", "/v2/orgs/" + ORG + "/subscriptions", null, json, "{\"legacy_account_id\":4711}"),
                    new Endpoint(
                            "POST",
                            "/v2/orgs/" + ORG + "/subscriptions",
                            null,
                            json,
                            "{\"legacy_account_id\":4711,\"msisdn\":\"" + Fixtures.msisdn() + "\"}"),
                    new Endpoint("GET", v2, null, null, null),
                    new Endpoint(
                            "PATCH",
                            v2,
                            null,
                            "application/json-patch+json",
                            "[{\"op\":\"test\",\"path\":\"/legacy_account_id\",\"value\":4711},"
                                    + "{\"op\":\"replace\",\"path\":\"/msisdn\",\"value\":\"" + msisdn + "\"}]"),
                    new Endpoint(
                            "GET",
                            "/v2/orgs/" + ORG + "/devices",
                            "mac_address=" + mac + "&serial_number=S",
                            null,
                            null),
                    new Endpoint(
                            "GET",
                            "/v2/orgs/" + ORG + "/devices",
                            "iccid=" + iccid + "&imsi=" + imsi + "&offset=0&limit=10",
                            null,
                            null),
                    new Endpoint("GET", "/v2/orgs/" + ORG + "/devices", "imei=49-015420-323751-8&limit=1", null, null),
                    new Endpoint("GET", v2 + "/devices", "mac_address=" + mac, null, null),
                    new Endpoint("GET", v2 + "/devices", "offset=1&limit=1", null, null),
                    new Endpoint(
                            "POST", "/sim-swap/v2/retrieve-date", null, json, "{\"phoneNumber\":\"" + msisdn + "\"}"),
                    new Endpoint(
                            "POST",
                            "/sim-swap/v2/check",
                            null,
                            json,
                            "{\"phoneNumber\":\"" + msisdn + "\",\"maxAge\":240}"),
                    new Endpoint("POST", v2 + "/devices", null, json, Fixtures.terminal(Fixtures.mac(), "FZ")),
                    new Endpoint(
                            "POST",
                            v2 + "/devices",
                            null,
                            json,
                            Fixtures.sim("\"" + Fixtures.iccid() + "\"", "\"" + Fixtures.imsi() + "\"")),
                    new Endpoint(
                            "GET",
                            v2 + "/devices/" + terminal,
                            "as_of=" + Instant.now().plusSeconds(5),
                            null,
                            null),
                    new Endpoint("GET", v2 + "/devices/" + sim, null, null, null),
                    new Endpoint(
                            "PATCH",
                            v2 + "/devices/" + terminal,
                            null,
                            "application/json-patch+json",
                            "[{\"op\":\"test\",\"path\":\"/category\",\"value\":\"OTHER\"},"
                                    + "{\"op\":\"replace\",\"path\":\"/serial_number\",\"value\":\"S\",\"reason\":\"FUZZ\"},"
                                    + "{\"op\":\"copy\",\"from\":\"/serial_number\",\"path\":\"/contract_document_id\"},"
                                    + "{\"op\":\"move\",\"from\":\"/contract_document_id\",\"path\":\"/reservation_id\"},"
                                    + "{\"op\":\"add\",\"path\":\"/commitments/-\",\"value\":{\"legacy_id\":3}},"
                                    + "{\"op\":\"remove\",\"path\":\"/commitments/0\"}]"),
                    new Endpoint("GET", v2 + "/history", "after_sequence=0&limit=10", null, null),
                    new Endpoint("GET", v1, "category=SIM&only_active=false", null, null),
                    new Endpoint("GET", v1 + "/" + simLegacyId, "only_active=true", null, null),
                    new Endpoint(
                            "POST",
                            v1 + "/" + simLegacyId + "/replacement",
                            null,
                            json,
                            "{\"category\":\"SIM\",\"user_name\":\"fuzz\",\"change_reason\":\"lost\","
                                    + "\"subscription_device_change_request\":{\"fabrication_type\":\"eSIM\","
                                    + "\"signature_type\":\"DIGITAL\",\"iccid\":\"" + iccid + "\",\"imsi\":\"" + imsi
                                    + "\",\"new_iccid\":\"" + REFUSED_ICCID + "\",\"new_imsi\":\"" + Fixtures.imsi()
                                    + "\"}}"),
                    new Endpoint("GET", "/admin/projections", null, null, null),
                    // never a valid name: a real rebuild would replay the whole store for every mutation
                    new Endpoint("POST", "/admin/projections/no-such-projection/rebuild", null, null, null),
                    new Endpoint("GET", "/admin/dead-letters", "processing_group=device-projection", null, null),
                    new Endpoint("POST", "/admin/dead-letters/" + UUID.randomUUID() + "/retry", null, null, null),
                    new Endpoint("POST", hub, null, json, LISTENER),
                    new Endpoint("POST", hub, null, json, "{\"callback\":\"https://hooks.fuzz.example/devices\"}"),
                    new Endpoint("GET", hub, null, null, null),
                    new Endpoint("GET", hub + "/" + listener, null, null, null),
                    new Endpoint("DELETE", hub + "/" + UUID.randomUUID(), null, null, null));
        }

        boolean noReplacementPending() {
            String device = "/v1/orgs/" + ORG + "/subscriptions/" + subscriptionLegacyId + "/devices/" + simLegacyId;
            return !test.api.get(device + "?only_active=false", token).body().contains("\"PENDING\"");
        }

        @Override
        public Hints hints() {
            return Hints.afterGenerate(AfterGenerate.DO_NOT_MODIFY);
        }

        @Override
        public Attempt generate(Random random) {
            Endpoint endpoint = random.oneOf(endpoints);
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Authorization", "Bearer " + token);
            if (endpoint.contentType() != null) {
                headers.put("Content-Type", endpoint.contentType());
            }
            String method = endpoint.method();
            String path = endpoint.path();
            String query = endpoint.query();
            String body = endpoint.body();
            byte[] bytes = null;
            String mutation;
            switch (random.intRange(0, 11)) {
                case 0 -> mutation = "none";
                case 1, 2 -> {
                    mutation = "body-value";
                    body = body == null ? random.oneOf(NASTY_JSON) : replaceValue(body, random);
                }
                case 3 -> {
                    mutation = "body-member";
                    body = body == null ? "{\"x\":1}" : changeMember(body, random);
                }
                case 4 -> {
                    mutation = "body-bytes";
                    bytes = mangledBytes(body == null ? "{}" : body, random);
                }
                case 5 -> {
                    mutation = "body-document";
                    body = random.oneOf(NASTY_DOCUMENTS);
                }
                case 6 -> {
                    mutation = "query";
                    query = mangledQuery(query, random);
                }
                case 7 -> {
                    mutation = "path";
                    path = mangledPath(path, random);
                }
                case 8, 9 -> {
                    mutation = "header";
                    mangleHeaders(headers, random);
                }
                case 10 -> {
                    mutation = "method";
                    method = random.oneOf(METHODS);
                }
                default -> {
                    mutation = "request-line";
                    String[] mangled = mangledRequestLine(method, path, random);
                    method = mangled[0];
                    path = mangled[1];
                }
            }
            if (bytes == null && body != null) {
                bytes = body.getBytes(StandardCharsets.UTF_8);
            }
            String target = query == null ? path : path + "?" + query;
            return new Attempt(method, target, headers, bytes, mutation);
        }

        /** A JSON string literal with every character outside printable ASCII escaped, so any text fits. */
        private static String literal(String text) {
            StringBuilder out = new StringBuilder("\"");
            for (char c : text.toCharArray()) {
                if (c == '"' || c == '\\') {
                    out.append('\\').append(c);
                } else if (c < 0x20 || c > 0x7e) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
            return out.append('"').toString();
        }

        private static String nastyValue(Random random) {
            return random.trueOrFalse() ? literal(random.oneOf(NASTY_TEXT)) : random.oneOf(NASTY_JSON);
        }

        private static final String MARK = "\u0007FUZZ\u0007";

        /** One value anywhere in the document (a member's, an element's, or a whole container) replaced. */
        private static String replaceValue(String body, Random random) {
            JsonNode tree = Api.JSON.readTree(body);
            List<JsonNode> containers = new ArrayList<>();
            collect(tree, containers);
            JsonNode container = random.oneOf(containers);
            if (container instanceof ObjectNode object && !object.isEmpty()) {
                String name = random.oneOf(new ArrayList<>(object.propertyNames()));
                object.put(name, MARK);
            } else if (container instanceof ArrayNode array && !array.isEmpty()) {
                array.set(
                        random.intRange(0, array.size() - 1),
                        Api.JSON.getNodeFactory().stringNode(MARK));
            } else {
                return nastyValue(random);
            }
            return Api.JSON.writeValueAsString(tree).replace(literal(MARK), nastyValue(random));
        }

        /** A member added (unknown), removed, renamed or repeated, in one object of the document. */
        private static String changeMember(String body, Random random) {
            JsonNode tree = Api.JSON.readTree(body);
            List<JsonNode> containers = new ArrayList<>();
            collect(tree, containers);
            List<ObjectNode> objects = containers.stream()
                    .filter(ObjectNode.class::isInstance)
                    .map(ObjectNode.class::cast)
                    .filter(object -> !object.isEmpty())
                    .toList();
            if (objects.isEmpty()) {
                return "{\"x\":1}";
            }
            ObjectNode object = random.oneOf(objects);
            String name = random.oneOf(new ArrayList<>(object.propertyNames()));
            switch (random.intRange(0, 3)) {
                case 0 -> object.put(random.oneOf(List.of("colour", "op2", "ID", "legacyId", "x")), 1);
                case 1 -> object.remove(name);
                case 2 -> {
                    JsonNode value = object.remove(name);
                    object.set(MARK, value);
                    return Api.JSON.writeValueAsString(tree).replace(literal(MARK), literal(random.oneOf(NASTY_TEXT)));
                }
                default -> {
                    object.put(MARK, 0);
                    String duplicate = literal(name) + ":" + Api.JSON.writeValueAsString(object.get(name));
                    return Api.JSON.writeValueAsString(tree).replace(literal(MARK) + ":0", duplicate);
                }
            }
            return Api.JSON.writeValueAsString(tree);
        }

        private static void collect(JsonNode node, List<JsonNode> containers) {
            if (node.isContainer()) {
                containers.add(node);
                for (JsonNode child : node) {
                    collect(child, containers);
                }
            }
        }

        /** The body's bytes, with a byte sequence that is not UTF-8 put in, or cut short. */
        private static byte[] mangledBytes(String body, Random random) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            int at = random.intRange(0, bytes.length);
            if (random.trueOrFalse(0.2)) {
                return Arrays.copyOf(bytes, at);
            }
            byte[][] bad = {
                {(byte) 0xC0, (byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xFF}, {(byte) 0x80},
                {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}, {0}, {0x01}
            };
            byte[] insert = random.oneOf(bad);
            byte[] out = new byte[bytes.length + insert.length];
            System.arraycopy(bytes, 0, out, 0, at);
            System.arraycopy(insert, 0, out, at, insert.length);
            System.arraycopy(bytes, at, out, at + insert.length, bytes.length - at);
            return out;
        }

        private static String mangledQuery(String query, Random random) {
            List<String> pairs = new ArrayList<>(query == null ? List.of() : List.of(query.split("&")));
            String nasty = random.oneOf(NASTY_QUERY);
            switch (random.intRange(0, 4)) {
                case 0 -> {
                    if (pairs.isEmpty()) {
                        pairs.add("x=" + nasty);
                    } else {
                        int i = random.intRange(0, pairs.size() - 1);
                        pairs.set(i, pairs.get(i).split("=")[0] + "=" + nasty);
                    }
                }
                case 1 -> pairs.add(nasty + "=1");
                case 2 -> pairs.addAll(pairs.isEmpty() ? List.of("a=1", "a=2") : List.of(pairs.get(0)));
                case 3 -> pairs.clear();
                default -> {
                    for (int i = 0; i < 60; i++) {
                        pairs.add("p" + i + "=" + i);
                    }
                }
            }
            return String.join("&", pairs);
        }

        /** One segment after the version replaced by an odd one (the family stays what it was). */
        private static String mangledPath(String path, Random random) {
            List<String> segments = new ArrayList<>(List.of(path.substring(1).split("/")));
            int at = random.intRange(1, segments.size() - 1);
            if (random.trueOrFalse(0.15)) {
                segments.add(at, random.oneOf(NASTY_SEGMENTS));
            } else {
                segments.set(at, random.oneOf(NASTY_SEGMENTS));
            }
            return "/" + String.join("/", segments);
        }

        private void mangleHeaders(Map<String, String> headers, Random random) {
            switch (random.intRange(0, 8)) {
                case 0 -> headers.put("Content-Type", random.oneOf(CONTENT_TYPES));
                case 1 ->
                    headers.put(
                            "Accept", random.oneOf(List.of("text/html", "application/xml", "a/b/c", "", "*/*;q=x")));
                case 2 -> {
                    String other = test.tokens.mint("u", null, List.of(OTHER_ORG), Scopes.ALL, Duration.ofMinutes(5));
                    String value = random.oneOf(List.of(
                            "",
                            "Bearer",
                            "Bearer ",
                            "Bearer x.y.z",
                            "Basic dXNlcjpwdw==",
                            "bearer " + token,
                            "Bearer " + token + "x",
                            "Bearer " + other,
                            "Bearer " + token.replace('.', '\t'),
                            "Bearer " + "a".repeat(9000)));
                    if (value.isEmpty()) {
                        headers.remove("Authorization");
                    } else {
                        headers.put("Authorization", value);
                    }
                }
                case 3 ->
                    headers.put(
                            "If-Match",
                            random.oneOf(
                                    List.of("\"1\"", "W/\"1\"", "*", "\"x\"", "1", "\"99999999999999999999\"", "")));
                case 4 ->
                    headers.put(
                            random.oneOf(List.of("X-Request-Id", "x-correlator")),
                            random.oneOf(List.of("", "x".repeat(500), "a b", "\u00e9", "%00", "{a}/<b>;c")));
                case 5 -> headers.put("X-Fuzz", "v".repeat(random.intRange(1, 20_000)));
                case 6 ->
                    headers.put(
                            "X-Fuzz",
                            "a" + random.oneOf(List.of("\u0001", "\u0000", "\u007f", "\u0085", "\u00e9")) + "b");
                case 7 -> headers.put(random.oneOf(List.of("X Bad", "X:Bad", "", "X\u0001")), "v");
                default -> headers.put("Content-Length", random.oneOf(List.of("abc", "-1", "99999999999")));
            }
        }

        private static String[] mangledRequestLine(String method, String path, Random random) {
            return switch (random.intRange(0, 5)) {
                case 0 -> new String[] {method, path.replaceFirst("/orgs/", "/or\u0001gs/")};
                case 1 -> new String[] {method, path.replaceFirst("/orgs/", "/or gs/")};
                case 2 -> new String[] {method, path.replaceFirst("/orgs/", "/\u00e9rgs/")};
                case 3 -> new String[] {method, path + " HTTP/9.9"};
                case 4 -> new String[] {method, "http://127.0.0.1" + path};
                default -> new String[] {"G\u0001T", path};
            };
        }
    }
}
