package com.subscriptiondevices.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The contract check catches what it is there for: a wrong body, a missing header, an undeclared status. */
class OpenApiContractTest {

    private static final String DEVICE = "/v2/orgs/yoigo/subscriptions/8f9d5f0e-6b8e-4a51-9d36-2f8d7c3b1a10/devices/"
            + "0b6f4f57-0c7e-4f5a-8f43-5b3f1c7f2d11";
    private static final String SUBSCRIPTIONS = "/v2/orgs/yoigo/subscriptions";

    @Test
    void accepts_a_device_as_the_service_writes_it() {
        assertThat(violations("GET", DEVICE, null, 200, Map.of("ETag", "\"1\""), device("\"SN-1\"")))
                .isEmpty();
    }

    @Test
    void catches_a_missing_member_a_wrong_type_and_an_unknown_member() {
        assertThat(violations(
                        "GET",
                        DEVICE,
                        null,
                        200,
                        Map.of("ETag", "\"1\""),
                        device("\"SN-1\"").replace("\"legacy_id\":1,", "")))
                .anyMatch(violation -> violation.contains("legacy_id"));
        assertThat(violations("GET", DEVICE, null, 200, Map.of("ETag", "\"1\""), device("42")))
                .anyMatch(violation -> violation.contains("serial_number"));
        assertThat(violations(
                        "GET",
                        DEVICE,
                        null,
                        200,
                        Map.of("ETag", "\"1\""),
                        device("\"SN-1\"").replace("{\"id\"", "{\"extra\":1,\"id\"")))
                .anyMatch(violation -> violation.contains("extra"));
    }

    @Test
    void catches_a_missing_etag_and_an_undeclared_status() {
        assertThat(violations("GET", DEVICE, null, 200, Map.of(), device("\"SN-1\"")))
                .anyMatch(violation -> violation.contains("ETag"));
        assertThat(violations("GET", DEVICE, null, 418, Map.of(), error("NOT_FOUND")))
                .anyMatch(violation -> violation.contains("418"));
    }

    @Test
    void catches_an_error_body_of_the_wrong_family_or_without_its_reference() {
        assertThat(violations("GET", DEVICE, null, 404, Map.of(), error("DEVICE_NOT_FOUND")))
                .isEmpty();
        assertThat(violations(
                        "GET",
                        DEVICE,
                        null,
                        404,
                        Map.of(),
                        "{\"error\":{\"code\":\"DEVICE_NOT_FOUND\",\"message\":\"No such device.\"}}"))
                .anyMatch(violation -> violation.contains("reference"));
        assertThat(violations(
                        "GET",
                        "/v1/orgs/yoigo/subscriptions/1/devices/1",
                        null,
                        404,
                        Map.of(),
                        error("DEVICE_NOT_FOUND")))
                .isNotEmpty();
    }

    @Test
    void checks_the_request_of_a_successful_answer_only() {
        String registered = "{\"id\":\"8f9d5f0e-6b8e-4a51-9d36-2f8d7c3b1a10\",\"legacy_id\":1,"
                + "\"legacy_account_id\":4711,\"org\":\"yoigo\",\"msisdn\":null}";
        Map<String, String> location = Map.of("Location", SUBSCRIPTIONS + "/8f9d5f0e-6b8e-4a51-9d36-2f8d7c3b1a10");
        assertThat(violations("POST", SUBSCRIPTIONS, "{\"legacy_account_id\": 4711}", 201, location, registered))
                .isEmpty();
        assertThat(violations("POST", SUBSCRIPTIONS, "{\"legacy_account_id\": \"x\"}", 201, location, registered))
                .as("a request the document refuses, answered 201: the document is too narrow")
                .anyMatch(violation -> violation.contains("legacy_account_id"));
        assertThat(violations("POST", SUBSCRIPTIONS, "{\"legacy_account_id\": \"x\"}", 400, Map.of(), error("X")))
                .as("a refused request is not held against the document")
                .isEmpty();
    }

    @Test
    void holds_the_sim_swap_family_to_camaras_codes_of_each_status_and_its_x_correlator() {
        Map<String, String> correlator = Map.of("x-correlator", "c-1");
        assertThat(violations(
                        "POST",
                        "/sim-swap/v2/check",
                        null,
                        404,
                        correlator,
                        "{\"status\":404,\"code\":\"IDENTIFIER_NOT_FOUND\",\"message\":\"m\"}"))
                .isEmpty();
        assertThat(violations(
                        "POST",
                        "/sim-swap/v2/check",
                        null,
                        404,
                        correlator,
                        "{\"status\":404,\"code\":\"INVALID_ARGUMENT\",\"message\":\"m\"}"))
                .as("a code of another status")
                .isNotEmpty();
        assertThat(violations(
                        "POST",
                        "/sim-swap/v2/check",
                        null,
                        422,
                        correlator,
                        "{\"status\":400,\"code\":\"MISSING_IDENTIFIER\",\"message\":\"m\"}"))
                .as("a status member that is not the answer's")
                .isNotEmpty();
        assertThat(violations("POST", "/sim-swap/v2/check", null, 404, Map.of(), error("NOT_FOUND")))
                .as("another family's body, and no x-correlator")
                .anyMatch(violation -> violation.contains("x-correlator"))
                .anyMatch(violation -> violation.contains("required"));
    }

    private static List<String> violations(
            String method, String path, String body, int status, Map<String, String> headers, String answer) {
        Map<String, List<String>> all = new java.util.HashMap<>();
        headers.forEach((name, value) -> all.put(name, List.of(value)));
        all.put("Content-Type", List.of("application/json"));
        all.put("X-Request-Id", List.of("test-1"));
        HttpHeaders requestHeaders = HttpHeaders.of(
                Map.of("Authorization", List.of("Bearer x"), "Content-Type", List.of("application/json")),
                (name, value) -> true);
        Api.Response response = new Api.Response(status, HttpHeaders.of(all, (name, value) -> true), answer);
        OpenApiContract.Judgement judgement =
                OpenApiContract.judge(method, URI.create("http://127.0.0.1" + path), requestHeaders, body, response);
        assertThat(judgement.outside()).isFalse();
        return judgement.violations();
    }

    private static String error(String code) {
        return "{\"error\":{\"code\":\"" + code + "\",\"message\":\"m\",\"reference\":\"/docs/errors#" + code + "\"}}";
    }

    private static String device(String serialNumber) {
        return "{\"id\":\"0b6f4f57-0c7e-4f5a-8f43-5b3f1c7f2d11\",\"legacy_id\":1,\"category\":\"OTHER\","
                + "\"status\":\"ACTIVE\",\"catalogue_commercial_device_id\":\"ROUTER-X1\",\"catalogue_device_id\":null,"
                + "\"reservation_id\":null,\"signature_process_id\":null,\"shipping_order_id\":null,"
                + "\"pickup_order_id\":null,\"in_store_delivery_date\":null,\"in_store_returned_date\":null,"
                + "\"manufacturing_info\":null,\"serial_number\":" + serialNumber + ",\"mac_address\":null,"
                + "\"imei\":null,\"acquisition_type\":null,\"commitments\":[],\"insurable_amount\":null,"
                + "\"legacy_account_id\":4711,\"contract_document_id\":null,\"device_additional_details\":null}";
    }
}
