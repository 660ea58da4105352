package com.subscriptiondevices.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.subscriptiondevices.platform.security.Scopes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * CAMARA's SIM Swap API through HTTP on PostgreSQL: what a number's latest SIM change is, the check
 * windows on a moved clock, the number's two sources, scopes, orgs, x-correlator, and every status and
 * code of the family in its ErrorInfo body.
 */
class SimSwapIT extends PostgresIT {

    static final String RETRIEVE = SimSwapCalls.RETRIEVE;
    static final String CHECK = SimSwapCalls.CHECK;

    // --- what the latest SIM change is ----------------------------------------------------------

    @Test
    void a_number_given_at_registration_is_a_sim_change_of_that_moment() {
        Instant before = Instant.now();
        String number = Fixtures.msisdn();
        numbered(ORG, number);
        Instant after = Instant.now();

        Api.Response answer = retrieve(bank(), number);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.json().has("monitoredPeriod"))
                .as("no monitored period is configured")
                .isFalse();
        assertThat(answer.json().get("latestSimChange").asString()).endsWith("Z");
        assertThat(latest(number)).isBetween(before.minusMillis(1), after.plusMillis(1));
        assertThat(check(bank(), number, null).json().get("swapped").asBoolean())
                .as("a new holder's number changed SIM just now")
                .isTrue();
    }

    @Test
    void a_sim_added_and_a_replacement_processed_are_later_changes_and_a_replacement_refused_is_none()
            throws InterruptedException {
        String number = Fixtures.msisdn();
        String subscription = numbered(ORG, number);
        Instant given = latest(number);

        Thread.sleep(5);
        Sim sim = addSim(subscription);
        Instant added = latest(number);
        assertThat(added).isAfter(given);

        Thread.sleep(5);
        assertThat(replace(sim, REFUSED_ICCID).status()).isEqualTo(202);
        assertThat(latest(number)).as("asked for, pending: no swap yet").isEqualTo(added);
        eventually("the network refuses it", () -> eventTypes(subscription).contains("SimReplacementRejected"));
        assertThat(latest(number)).as("refused: no swap").isEqualTo(added);

        Thread.sleep(5);
        assertThat(replace(sim, Fixtures.iccid()).status()).isEqualTo(202);
        eventually("the network swaps it", () -> eventTypes(subscription).contains("SimReplaced"));
        Instant swapped = latest(number);
        assertThat(swapped).isAfter(added);
        assertThat(swapped).isEqualTo(timestampOfLast(subscription, "SimReplaced"));

        addTerminal(subscription);
        assertThat(latest(number)).as("a terminal is no SIM").isEqualTo(swapped);
    }

    @Test
    void a_number_removed_is_unknown_and_moved_to_another_subscription_it_changed_sim_for_the_new_holder()
            throws InterruptedException {
        String number = Fixtures.msisdn();
        String first = numbered(ORG, number);
        addSim(first);

        assertThat(patchMsisdn(first, "[{\"op\":\"remove\",\"path\":\"/msisdn\"}]")
                        .status())
                .isEqualTo(200);
        assertCamara(retrieve(bank(), number), 404, "IDENTIFIER_NOT_FOUND");
        assertCamara(check(bank(), number, 240), 404, "IDENTIFIER_NOT_FOUND");

        Thread.sleep(5);
        String second = subscription(ORG);
        Instant beforeMove = Instant.now();
        assertThat(patchMsisdn(second, addMsisdn(number)).status()).isEqualTo(200);
        assertThat(latest(number)).isAfterOrEqualTo(beforeMove.minusMillis(1));
        Instant moved = latest(number);

        addSim(first);
        assertThat(latest(number))
                .as("the old holder's SIMs are not the number's any more")
                .isEqualTo(moved);
    }

    @Test
    void a_subscription_that_changes_its_number_takes_its_old_one_out_of_the_checks() {
        String old = Fixtures.msisdn();
        String subscription = numbered(ORG, old);
        String number = Fixtures.msisdn();

        Api.Response patched =
                patchMsisdn(subscription, "[{\"op\":\"replace\",\"path\":\"/msisdn\",\"value\":\"" + number + "\"}]");

        assertThat(patched.json().get("msisdn").asString()).isEqualTo(number);
        assertCamara(retrieve(bank(), old), 404, "IDENTIFIER_NOT_FOUND");
        assertThat(retrieve(bank(), number).status()).isEqualTo(200);
    }

    // --- check windows, on the service's clock ---------------------------------------------------

    @Test
    void check_answers_whether_the_change_is_within_max_age_hours_of_now() {
        String number = Fixtures.msisdn();
        numbered(ORG, number);
        Instant change = latest(number);

        movable().at(change.plus(Duration.ofMinutes(30)));
        assertSwapped(number, 1, true);

        movable().at(change.plus(Duration.ofHours(2)));
        assertSwapped(number, 1, false);
        assertSwapped(number, 240, true);
        assertThat(check(bank(), number, null).json().get("swapped").asBoolean())
                .as("maxAge defaults to 240 hours")
                .isTrue();

        movable().at(change.plus(Duration.ofHours(241)));
        assertSwapped(number, 240, false);
        assertThat(check(bank(), number, null).json().get("swapped").asBoolean())
                .isFalse();
        assertSwapped(number, 2400, true);

        movable().at(change.plus(Duration.ofHours(2401)));
        assertSwapped(number, 2400, false);
        Api.Response date = retrieve(bank(), number);
        assertThat(Instant.parse(date.json().get("latestSimChange").asString()))
                .as("without a monitored period every change is told, however old")
                .isEqualTo(change);
        assertThat(date.json().has("monitoredPeriod")).isFalse();
    }

    @Test
    void max_age_outside_1_to_2400_hours_is_out_of_range() {
        String number = Fixtures.msisdn();
        numbered(ORG, number);

        assertCamara(check(bank(), number, 0), 400, "OUT_OF_RANGE");
        assertCamara(check(bank(), number, 2401), 400, "OUT_OF_RANGE");
        assertCamara(check(bank(), number, -5), 400, "OUT_OF_RANGE");
        assertThat(check(bank(), number, 2400).status()).isEqualTo(200);
        assertThat(check(bank(), number, 1).status()).isEqualTo(200);
    }

    // --- where the number comes from -------------------------------------------------------------

    @Test
    void the_number_may_come_from_the_tokens_phone_number_claim() {
        String number = Fixtures.msisdn();
        numbered(ORG, number);
        String formatted = number.substring(0, 3) + " (" + number.substring(3, 6) + ") " + number.substring(6, 9) + "-"
                + number.substring(9);

        assertThat(retrieve(line(number, Scopes.SIM_SWAP), null).status()).isEqualTo(200);
        Api.Response checked = check(line(number, Scopes.SIM_SWAP), null, 24);
        assertThat(checked.status()).isEqualTo(200);
        assertThat(checked.json().get("swapped").asBoolean()).isTrue();
        assertThat(retrieve(line(formatted, Scopes.SIM_SWAP), null).status())
                .as("a claim written with spaces, parentheses and hyphens, as OpenID Connect allows")
                .isEqualTo(200);
    }

    @Test
    void both_sources_are_unnecessary_neither_is_missing_and_a_malformed_number_is_invalid() {
        String number = Fixtures.msisdn();
        numbered(ORG, number);

        assertCamara(retrieve(line(number, Scopes.SIM_SWAP), number), 422, "UNNECESSARY_IDENTIFIER");
        assertCamara(check(line(number, Scopes.SIM_SWAP), number, 24), 422, "UNNECESSARY_IDENTIFIER");
        assertCamara(retrieve(bank(), null), 422, "MISSING_IDENTIFIER");
        assertCamara(check(bank(), null, 24), 422, "MISSING_IDENTIFIER");
        assertCamara(retrieve(line("not a number", Scopes.SIM_SWAP), null), 422, "MISSING_IDENTIFIER");
        for (String malformed : List.of("34600123456", "+0600123456", "+34600123456789012", "+34 600", "")) {
            assertCamara(retrieve(bank(), malformed), 400, "INVALID_ARGUMENT");
            assertCamara(check(bank(), malformed, 24), 400, "INVALID_ARGUMENT");
        }
        assertCamara(retrieve(bank(), Fixtures.msisdn()), 404, "IDENTIFIER_NOT_FOUND");
        assertCamara(retrieve(line(Fixtures.msisdn(), Scopes.SIM_SWAP), null), 404, "IDENTIFIER_NOT_FOUND");
    }

    @Test
    void a_body_of_the_wrong_shape_is_an_invalid_argument() {
        String number = Fixtures.msisdn();
        numbered(ORG, number);

        for (String body : List.of(
                "{\"phoneNumber\":\"" + number + "\",\"colour\":1}",
                "{\"phoneNumber\":\"" + number + "\",\"maxAge\":\"soon\"}",
                "{\"phone_number\":\"" + number + "\"}",
                "[]",
                "",
                "{\"phoneNumber\":\"" + number + "\",\"phoneNumber\":\"" + number + "\"}")) {
            assertCamara(api.post(CHECK, bank(), body), 400, "INVALID_ARGUMENT");
        }
        Api.Response text =
                api.post(CHECK, bank(), "{\"phoneNumber\":\"" + number + "\"}", Map.of("Content-Type", "text/plain"));
        assertCamara(text, 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    // --- scopes and orgs -------------------------------------------------------------------------

    @Test
    void each_call_needs_its_own_scope_or_sim_swap_and_a_token_at_all() {
        String number = Fixtures.msisdn();
        numbered(ORG, number);

        assertThat(retrieve(bank(Scopes.SIM_SWAP_RETRIEVE_DATE), number).status())
                .isEqualTo(200);
        assertCamara(check(bank(Scopes.SIM_SWAP_RETRIEVE_DATE), number, 24), 403, "PERMISSION_DENIED");
        assertThat(check(bank(Scopes.SIM_SWAP_CHECK), number, 24).status()).isEqualTo(200);
        assertCamara(retrieve(bank(Scopes.SIM_SWAP_CHECK), number), 403, "PERMISSION_DENIED");
        assertThat(retrieve(bank(Scopes.SIM_SWAP), number).status()).isEqualTo(200);
        assertThat(check(bank(Scopes.SIM_SWAP), number, 24).status()).isEqualTo(200);
        assertCamara(check(bank(Scopes.READ, Scopes.WRITE, Scopes.ADMIN), number, 24), 403, "PERMISSION_DENIED");

        Api.Response anonymous = check(null, number, 24);
        assertCamara(anonymous, 401, "UNAUTHENTICATED");
        assertThat(anonymous.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertCamara(check("not.a.token", number, 24), 401, "UNAUTHENTICATED");
    }

    @Test
    void a_number_held_in_an_org_the_token_does_not_list_is_unknown() {
        String number = Fixtures.msisdn();
        numbered(OTHER_ORG, number);

        assertCamara(retrieve(bank(List.of(ORG), Scopes.SIM_SWAP), number), 404, "IDENTIFIER_NOT_FOUND");
        assertCamara(check(bank(List.of(ORG), Scopes.SIM_SWAP), number, 24), 404, "IDENTIFIER_NOT_FOUND");
        assertCamara(retrieve(bank(List.of(), Scopes.SIM_SWAP), number), 404, "IDENTIFIER_NOT_FOUND");
        assertThat(retrieve(bank(List.of(OTHER_ORG), Scopes.SIM_SWAP), number).status())
                .isEqualTo(200);
    }

    // --- x-correlator ----------------------------------------------------------------------------

    @Test
    void a_valid_x_correlator_is_echoed_on_every_answer_and_a_missing_one_is_made() {
        String number = Fixtures.msisdn();
        numbered(ORG, number);
        String correlator = "bank-7:{login}/<otp>;try.2_a-" + UUID.randomUUID();

        Api.Response ok = withCorrelator(CHECK, bank(), "{\"phoneNumber\":\"" + number + "\"}", correlator);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.header("x-correlator")).isEqualTo(correlator);
        Api.Response notFound =
                withCorrelator(RETRIEVE, bank(), "{\"phoneNumber\":\"" + Fixtures.msisdn() + "\"}", correlator);
        assertCamara(notFound, 404, "IDENTIFIER_NOT_FOUND");
        assertThat(notFound.header("x-correlator")).isEqualTo(correlator);
        Api.Response unauthenticated = withCorrelator(CHECK, null, "{}", correlator);
        assertCamara(unauthenticated, 401, "UNAUTHENTICATED");
        assertThat(unauthenticated.header("x-correlator")).isEqualTo(correlator);
        Api.Response forbidden = withCorrelator(CHECK, bank(Scopes.READ), "{}", correlator);
        assertThat(forbidden.header("x-correlator")).isEqualTo(correlator);
        String longest = "x".repeat(256);
        assertThat(withCorrelator(CHECK, bank(), "{\"phoneNumber\":\"" + number + "\"}", longest)
                        .header("x-correlator"))
                .isEqualTo(longest);

        Api.Response without = check(bank(), number, 24);
        assertThat(UUID.fromString(without.header("x-correlator"))).isNotNull();
        assertThat(without.header("X-Request-Id"))
                .as("the family's correlation header only")
                .isNull();
    }

    @Test
    void an_x_correlator_off_the_pattern_is_an_invalid_argument_answered_with_a_new_one() {
        String number = Fixtures.msisdn();
        numbered(ORG, number);

        for (String bad : List.of("a b", "x".repeat(257), "a+b", "quote\"d", "100%")) {
            Api.Response refused = withCorrelator(CHECK, bank(), "{\"phoneNumber\":\"" + number + "\"}", bad);
            assertCamara(refused, 400, "INVALID_ARGUMENT");
            assertThat(refused.json().get("message").asString()).contains("x-correlator");
            assertThat(refused.header("x-correlator")).isNotEqualTo(bad);
            assertThat(UUID.fromString(refused.header("x-correlator"))).isNotNull();
        }
    }

    // --- helpers ---------------------------------------------------------------------------------

    private void assertSwapped(String number, int maxAge, boolean swapped) {
        Api.Response answer = check(bank(), number, maxAge);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.json().get("swapped").asBoolean())
                .as("maxAge %d at %s", maxAge, clock.instant())
                .isEqualTo(swapped);
    }

    // the calls, as SimSwapCalls makes them

    static void assertCamara(Api.Response answer, int status, String code) {
        SimSwapCalls.assertCamara(answer, status, code);
    }

    String bank(String... scopes) {
        return calls().bank(scopes);
    }

    String bank(List<String> orgs, String... scopes) {
        return calls().bank(orgs, scopes);
    }

    String line(String phoneNumber, String... scopes) {
        return calls().line(phoneNumber, scopes);
    }

    String numbered(String org, String msisdn) {
        return calls().numbered(org, msisdn);
    }

    Api.Response retrieve(String token, String number) {
        return calls().retrieve(token, number);
    }

    Api.Response check(String token, String number, Integer maxAge) {
        return calls().check(token, number, maxAge);
    }

    Instant latest(String number) {
        return calls().latest(number);
    }

    private SimSwapCalls calls() {
        return new SimSwapCalls(api, tokens, fullToken());
    }

    Api.Response patchMsisdn(String subscription, String operations) {
        return api.patch("/v2/orgs/" + ORG + "/subscriptions/" + subscription, fullToken(), operations, Map.of());
    }

    static String addMsisdn(String msisdn) {
        return "[{\"op\":\"add\",\"path\":\"/msisdn\",\"value\":\"" + msisdn + "\"}]";
    }

    Sim addSim(String subscription) {
        String iccid = Fixtures.iccid();
        String imsi = Fixtures.imsi();
        Api.Response device = api.post(devicesPath(ORG, subscription), fullToken(), Fixtures.sim(iccid, imsi));
        assertThat(device.status()).as(device.toString()).isEqualTo(201);
        long legacyId = api.get("/v2/orgs/" + ORG + "/subscriptions/" + subscription, fullToken())
                .json()
                .get("legacy_id")
                .asLong();
        return new Sim(
                subscription,
                device.json().get("id").asString(),
                "/v1/orgs/" + ORG + "/subscriptions/" + legacyId + "/devices/"
                        + device.json().get("legacy_id").asLong(),
                iccid,
                imsi);
    }

    Api.Response withCorrelator(String path, String token, String body, String correlator) {
        return api.post(path, token, body, Map.of("x-correlator", correlator));
    }

    Instant timestampOfLast(String subscription, String type) {
        return jdbc.sql("select timestamp from domainevententry where aggregateidentifier = ? and payloadtype like ?"
                        + " order by sequencenumber desc limit 1")
                .params(subscription, "%." + type)
                .query(String.class)
                .optional()
                .map(Instant::parse)
                .orElseThrow();
    }
}
