package com.subscriptiondevices.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.subscriptiondevices.platform.security.DevTokens;
import com.subscriptiondevices.platform.security.Scopes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Calls of the SIM swap API as the full-stack tests make them, and what its refusals must look like. */
record SimSwapCalls(Api api, DevTokens tokens, String writer) {

    static final String RETRIEVE = "/sim-swap/v2/retrieve-date";
    static final String CHECK = "/sim-swap/v2/check";

    /** A CAMARA ErrorInfo with this status and code, and the family's x-correlator. */
    static void assertCamara(Api.Response answer, int status, String code) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        JsonNode body = answer.json();
        assertThat(body.size()).as(answer.toString()).isEqualTo(3);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("code").asString()).isEqualTo(code);
        assertThat(body.get("message").asString()).isNotBlank();
        assertThat(answer.header("x-correlator")).isNotNull();
    }

    /** A bank's token (no phone number) for both test orgs, with {@code sim-swap} unless scopes are given. */
    String bank(String... scopes) {
        return bank(List.of(ServiceIT.ORG, ServiceIT.OTHER_ORG), scopes);
    }

    String bank(List<String> orgs, String... scopes) {
        return tokens.mint(
                "bank-1",
                null,
                orgs,
                scopes.length == 0 ? List.of(Scopes.SIM_SWAP) : List.of(scopes),
                Duration.ofMinutes(10));
    }

    /** A token issued to the line's user: it names the phone number. */
    String line(String phoneNumber, String... scopes) {
        return tokens.mint(
                "line-user",
                null,
                List.of(ServiceIT.ORG),
                List.of(scopes),
                Duration.ofMinutes(10),
                Map.of("phone_number", phoneNumber));
    }

    /** A subscription of the org registered with this number. */
    String numbered(String org, String msisdn) {
        Api.Response created = api.post(
                "/v2/orgs/" + org + "/subscriptions",
                writer,
                "{\"legacy_account_id\": 4711, \"msisdn\": \"" + msisdn + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    Api.Response retrieve(String token, String number) {
        return api.post(RETRIEVE, token, number == null ? "{}" : "{\"phoneNumber\":\"" + number + "\"}");
    }

    Api.Response check(String token, String number, Integer maxAge) {
        StringBuilder body = new StringBuilder("{");
        if (number != null) {
            body.append("\"phoneNumber\":\"").append(number).append('"');
        }
        if (maxAge != null) {
            body.append(number != null ? "," : "").append("\"maxAge\":").append(maxAge);
        }
        return api.post(CHECK, token, body.append('}').toString());
    }

    /** The number's latest SIM change, as retrieve-date tells it. */
    Instant latest(String number) {
        Api.Response answer = retrieve(bank(), number);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return Instant.parse(answer.json().get("latestSimChange").asString());
    }
}
