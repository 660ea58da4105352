package com.subscriptiondevices.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.subscriptiondevices.platform.security.Scopes;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A subscription's phone number through HTTP on PostgreSQL: given at registration or by PATCH on
 * /msisdn, shown by GET and the history, unique across the service, and every status of the PATCH.
 */
class PhoneNumbersIT extends PostgresIT {

    @Test
    void a_number_given_at_registration_is_shown_by_the_answer_the_get_and_the_history() {
        String number = Fixtures.msisdn();

        Api.Response created = api.post(
                subscriptions(ORG), fullToken(), "{\"legacy_account_id\": 4711, \"msisdn\": \"" + number + "\"}");

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().get("msisdn").asString()).isEqualTo(number);
        String id = created.json().get("id").asString();
        assertThat(api.get(subscription(ORG, id), token(Scopes.READ))
                        .json()
                        .get("msisdn")
                        .asString())
                .isEqualTo(number);
        assertThat(eventTypes(id)).containsExactly("SubscriptionCreated", "MsisdnChanged");
        JsonNode history =
                api.get(subscription(ORG, id) + "/history", token(Scopes.AUDIT)).json();
        assertThat(history.get(1).get("type").asString()).isEqualTo("MsisdnChanged");
        assertThat(history.get(1).get("payload").get("msisdn").asString()).isEqualTo(number);
        assertThat(history.get(1).get("payload").get("previous_msisdn").isNull())
                .isTrue();
    }

    @Test
    void a_subscription_without_a_number_shows_null() {
        String id = subscription(ORG);

        JsonNode read = api.get(subscription(ORG, id), token(Scopes.READ)).json();
        assertThat(read.has("msisdn")).isTrue();
        assertThat(read.get("msisdn").isNull()).isTrue();
        assertThat(eventTypes(id)).containsExactly("SubscriptionCreated");
    }

    @Test
    void patch_adds_replaces_and_removes_the_number_each_visible_to_the_next_read() {
        String id = subscription(ORG);
        String first = Fixtures.msisdn();
        String second = Fixtures.msisdn();

        Api.Response added = patch(id, op("add", first), Map.of("Content-Type", "application/json-patch+json"));
        assertThat(added.status()).as(added.toString()).isEqualTo(200);
        assertThat(added.json().get("msisdn").asString()).isEqualTo(first);
        assertThat(read(id).get("msisdn").asString()).isEqualTo(first);

        Api.Response replaced = patch(id, op("replace", second), Map.of("Content-Type", "application/json"));
        assertThat(replaced.status()).as("plain JSON is accepted too").isEqualTo(200);
        assertThat(read(id).get("msisdn").asString()).isEqualTo(second);

        assertThat(patch(id, "[{\"op\":\"remove\",\"path\":\"/msisdn\"}]", Map.of())
                        .status())
                .isEqualTo(200);
        assertThat(read(id).get("msisdn").isNull()).isTrue();
        assertThat(eventTypes(id))
                .containsExactly("SubscriptionCreated", "MsisdnChanged", "MsisdnChanged", "MsisdnChanged");
        assertThat(lastEventPayload(id)).contains("\"previousMsisdn\":\"" + second + "\"");
    }

    @Test
    void a_patch_that_changes_nothing_is_200_and_records_no_event() {
        String number = Fixtures.msisdn();
        String id = registered(ORG, number);
        long events = eventCount(id);

        Api.Response same = patch(
                id,
                "[{\"op\":\"test\",\"path\":\"/msisdn\",\"value\":\"" + number + "\"},"
                        + op("replace", number).substring(1),
                Map.of());

        assertThat(same.status()).as(same.toString()).isEqualTo(200);
        assertThat(same.json().get("msisdn").asString()).isEqualTo(number);
        assertThat(eventCount(id)).isEqualTo(events);
    }

    @Test
    void a_number_is_held_by_one_subscription_and_free_again_once_it_lets_go() {
        String number = Fixtures.msisdn();
        String holder = registered(ORG, number);

        Api.Response sameAtRegistration = api.post(
                subscriptions(OTHER_ORG), fullToken(), "{\"legacy_account_id\": 1, \"msisdn\": \"" + number + "\"}");
        assertThat(sameAtRegistration.status()).as("in another org too").isEqualTo(409);
        assertThat(sameAtRegistration.errorCode()).isEqualTo("MSISDN_IN_USE");

        String other = subscription(ORG);
        Api.Response taken = patch(other, op("add", number), Map.of());
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.errorCode()).isEqualTo("MSISDN_IN_USE");
        assertThat(read(other).get("msisdn").isNull()).isTrue();

        assertThat(patch(holder, "[{\"op\":\"remove\",\"path\":\"/msisdn\"}]", Map.of())
                        .status())
                .isEqualTo(200);
        assertThat(patch(other, op("add", number), Map.of()).status())
                .as("released with the removal")
                .isEqualTo(200);
        assertThat(read(other).get("msisdn").asString()).isEqualTo(number);
        assertThat(jdbc.sql("select owner_id from unique_claim where claim_kind = 'MSISDN' and claim_value = ?")
                        .param(number)
                        .query(String.class)
                        .single())
                .isEqualTo(other);
    }

    @Test
    void a_registration_refused_for_its_number_stores_no_subscription() {
        String number = Fixtures.msisdn();
        registered(ORG, number);
        String id = UUID.randomUUID().toString();

        Api.Response refused = api.post(
                subscriptions(ORG),
                fullToken(),
                "{\"id\": \"" + id + "\", \"legacy_account_id\": 1, \"msisdn\": \"" + number + "\"}");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(eventCount(id)).isZero();
        assertThat(api.get(subscription(ORG, id), fullToken()).status()).isEqualTo(404);
    }

    @Test
    void a_malformed_number_is_400_at_registration_and_in_a_patch() {
        for (String malformed : List.of("600123456", "+0600123456", "+34 600 123 456", "+3460012345678901")) {
            Api.Response registration = api.post(
                    subscriptions(ORG),
                    fullToken(),
                    "{\"legacy_account_id\": 4711, \"msisdn\": \"" + malformed + "\"}");
            assertThat(registration.status()).as(malformed).isEqualTo(400);
            assertThat(registration.errorCode()).isEqualTo("INVALID_MSISDN_FORMAT");
            assertThat(registration.json().get("error").get("message").asString())
                    .contains("msisdn");
        }
        String id = subscription(ORG);
        Api.Response patched = patch(id, op("add", "12345"), Map.of());
        assertThat(patched.status()).isEqualTo(400);
        assertThat(patched.errorCode()).isEqualTo("INVALID_MSISDN_FORMAT");
        assertThat(eventTypes(id)).containsExactly("SubscriptionCreated");
    }

    @Test
    void only_the_number_may_change_and_a_failed_test_changes_nothing() {
        String number = Fixtures.msisdn();
        String id = registered(ORG, number);
        long events = eventCount(id);

        for (String refused : List.of(
                "[{\"op\":\"replace\",\"path\":\"/legacy_account_id\",\"value\":1}]",
                "[{\"op\":\"replace\",\"path\":\"/org\",\"value\":\"" + OTHER_ORG + "\"}]",
                "[{\"op\":\"add\",\"path\":\"/colour\",\"value\":\"red\"}]",
                "[{\"op\":\"test\",\"path\":\"/msisdn\",\"value\":\"+34000000000\"},"
                        + op("remove", null).substring(1),
                "[{\"op\":\"add\",\"path\":\"/msisdn\",\"value\":34600123456}]",
                "[{\"op\":\"add\",\"path\":\"/msisdn\",\"value\":\"+34600123456\",\"reason\":\"why\"}]",
                "{\"op\":\"remove\",\"path\":\"/msisdn\"}",
                "not json")) {
            Api.Response answer = patch(id, refused, Map.of());
            assertThat(answer.status()).as(refused + " -> " + answer).isEqualTo(400);
            assertThat(answer.errorCode()).isEqualTo("INVALID_PATCH");
        }
        assertThat(eventCount(id)).isEqualTo(events);
        assertThat(read(id).get("msisdn").asString()).isEqualTo(number);
    }

    @Test
    void patching_needs_the_write_scope_the_org_and_an_existing_subscription() {
        String id = subscription(ORG);
        String body = op("add", Fixtures.msisdn());

        Api.Response reader = api.patch(subscription(ORG, id), token(Scopes.READ), body, Map.of());
        assertThat(reader.status()).isEqualTo(403);
        assertThat(reader.errorCode()).isEqualTo("MISSING_PERMISSIONS");
        String theirs = tokens.mint(
                "user-1",
                "agent@shop.example",
                List.of(OTHER_ORG),
                List.of(Scopes.WRITE),
                java.time.Duration.ofMinutes(5));
        Api.Response foreignOrg = api.patch(subscription(ORG, id), theirs, body, Map.of());
        assertThat(foreignOrg.status()).isEqualTo(403);
        assertThat(foreignOrg.errorCode()).isEqualTo("FORBIDDEN_ORGANIZATION");
        Api.Response otherOrgsPath = api.patch(subscription(OTHER_ORG, id), fullToken(), body, Map.of());
        assertThat(otherOrgsPath.status()).isEqualTo(404);
        assertThat(otherOrgsPath.errorCode()).isEqualTo("SUBSCRIPTION_NOT_FOUND");
        Api.Response unknown = api.patch(subscription(ORG, UUID.randomUUID().toString()), fullToken(), body, Map.of());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.errorCode()).isEqualTo("SUBSCRIPTION_NOT_FOUND");
        Api.Response noToken = api.patch(subscription(ORG, id), null, body, Map.of());
        assertThat(noToken.status()).isEqualTo(401);
        Api.Response text = api.patch(subscription(ORG, id), fullToken(), body, Map.of("Content-Type", "text/plain"));
        assertThat(text.status()).isEqualTo(415);
        assertThat(eventTypes(id)).containsExactly("SubscriptionCreated");
    }

    private String registered(String org, String number) {
        Api.Response created = api.post(
                subscriptions(org), fullToken(), "{\"legacy_account_id\": 4711, \"msisdn\": \"" + number + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    private Api.Response patch(String id, String operations, Map<String, String> headers) {
        return api.patch(subscription(ORG, id), fullToken(), operations, headers);
    }

    private JsonNode read(String id) {
        return api.get(subscription(ORG, id), token(Scopes.READ)).json();
    }

    private static String op(String op, String number) {
        return number == null
                ? "[{\"op\":\"" + op + "\",\"path\":\"/msisdn\"}]"
                : "[{\"op\":\"" + op + "\",\"path\":\"/msisdn\",\"value\":\"" + number + "\"}]";
    }

    private static String subscriptions(String org) {
        return "/v2/orgs/" + org + "/subscriptions";
    }

    private static String subscription(String org, String id) {
        return subscriptions(org) + "/" + id;
    }
}
