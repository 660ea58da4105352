package com.subscriptiondevices.command.subscription.web;

import static com.subscriptiondevices.platform.testing.EdgeAnswers.token;
import static com.subscriptiondevices.platform.testing.EdgeAnswers.v2Error;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.subscriptiondevices.api.device.DeviceCategory;
import com.subscriptiondevices.api.device.DeviceView;
import com.subscriptiondevices.api.error.DomainException;
import com.subscriptiondevices.api.error.ErrorCode;
import com.subscriptiondevices.command.subscription.TestDevices;
import com.subscriptiondevices.command.uniqueness.LegacyIds;
import com.subscriptiondevices.platform.security.DevTokens;
import com.subscriptiondevices.platform.security.Scopes;
import com.subscriptiondevices.platform.testing.WebEdgeTest;
import com.subscriptiondevices.platform.web.CommandSender;
import java.sql.SQLException;
import java.util.function.LongFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.CannotCreateTransactionException;

/** The V2 device writes' status codes, behind the real security and error edge, without a database. */
@WebEdgeTest(DeviceWriteController.class)
class DeviceWriteControllerTests {

    private static final String DEVICES = "/v2/orgs/yoigo/subscriptions/" + TestDevices.SUBSCRIPTION_ID + "/devices";
    private static final String PHONE = DEVICES + "/" + TestDevices.PHONE_ID;
    private static final String TERMINAL = "{\"catalogue_commercial_device_id\":\"X\",\"legacy_account_id\":1}";
    private static final String SIM_WITH_PIN = "{\"catalogue_commercial_device_id\":\"X\",\"legacy_account_id\":1,"
            + "\"category\":\"SIM\",\"device_additional_details\":{\"iccid\":\"" + TestDevices.ICCID + "\",\"imsi\":\""
            + TestDevices.IMSI + "\",\"pin\":\"0123\"}}";
    private static final String REPLACE_SERIAL = "[{\"op\":\"replace\",\"path\":\"/serial_number\",\"value\":\"S2\"}]";

    @Autowired
    MockMvc mvc;

    @Autowired
    DevTokens tokens;

    @MockitoBean
    CommandSender commands;

    @MockitoBean
    LegacyIds legacyIds;

    private final DeviceView phone = new DeviceView(
            TestDevices.PHONE_ID,
            TestDevices.PHONE_LEGACY_ID,
            TestDevices.SUBSCRIPTION_ID,
            DeviceCategory.OTHER,
            TestDevices.phone().build(),
            1);

    @BeforeEach
    void legacyIdsAreAssigned() {
        given(legacyIds.withDeviceLegacyId(any(), any())).willAnswer(call -> call.<LongFunction<?>>getArgument(1)
                .apply(call.getArgument(0) == null ? 7L : call.<Long>getArgument(0)));
    }

    private String writer() {
        return token(tokens, "yoigo", Scopes.READ, Scopes.WRITE);
    }

    @Test
    void adds_a_device_with_201_location_and_etag() throws Exception {
        given(commands.send(any())).willReturn(phone);

        mvc.perform(post(DEVICES)
                        .header("Authorization", writer())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(TERMINAL))
                .andExpect(status().isCreated())
                .andExpect(header().string("ETag", "\"1\""))
                .andExpect(header().string("Location", org.hamcrest.Matchers.startsWith(DEVICES + "/")))
                .andExpect(jsonPath("$.serial_number").value("SN-1"));
    }

    @Test
    void without_a_token_a_write_is_401_and_sends_nothing() throws Exception {
        mvc.perform(post(DEVICES).contentType(MediaType.APPLICATION_JSON).content(TERMINAL))
                .andExpect(status().isUnauthorized())
                .andExpect(v2Error("UNAUTHORIZED"));
        verify(commands, never()).send(any());
    }

    @Test
    void adding_a_sim_with_pin_codes_needs_the_secrets_scope() throws Exception {
        mvc.perform(post(DEVICES)
                        .header("Authorization", writer())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(SIM_WITH_PIN))
                .andExpect(status().isForbidden())
                .andExpect(v2Error("MISSING_PERMISSIONS"));
        verify(commands, never()).send(any());
    }

    @Test
    void a_body_of_the_wrong_shape_is_400_in_api_terms() throws Exception {
        mvc.perform(post(DEVICES)
                        .header("Authorization", writer())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("[]"))
                .andExpect(status().isBadRequest())
                .andExpect(v2Error("INVALID_BODY"))
                .andExpect(jsonPath("$.error.message").value("The body must be an object."));
        mvc.perform(
                        post(DEVICES)
                                .header("Authorization", writer())
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(
                                        "{\"catalogue_commercial_device_id\":\"X\",\"legacy_account_id\":1,\"manufacturing_info\":\"x\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error.message").value("'manufacturing_info' must be an object."));
    }

    @Test
    void a_nul_or_an_unpaired_surrogate_in_any_string_is_400_naming_the_field() throws Exception {
        mvc.perform(post(DEVICES)
                        .header("Authorization", writer())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"catalogue_commercial_device_id\":\"X\",\"legacy_account_id\":1,"
                                + "\"commitments\":[{\"cancellation_user\":\"a\\u0000\"}]}"))
                .andExpect(status().isBadRequest())
                .andExpect(v2Error("INVALID_BODY"))
                .andExpect(jsonPath("$.error.message")
                        .value(org.hamcrest.Matchers.startsWith("'commitments[0].cancellation_user'")));
        mvc.perform(patch(PHONE)
                        .header("Authorization", writer())
                        .contentType("application/json-patch+json")
                        .content("[{\"op\":\"replace\",\"path\":\"/serial_number\",\"value\":\"\\ud800\"}]"))
                .andExpect(status().isBadRequest())
                .andExpect(v2Error("INVALID_PATCH"));
        verify(commands, never()).send(any());
    }

    @Test
    void a_string_longer_than_its_column_is_400() throws Exception {
        mvc.perform(post(DEVICES)
                        .header("Authorization", writer())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(
                                "{\"catalogue_commercial_device_id\":\"X\",\"legacy_account_id\":1,\"serial_number\":\""
                                        + "s".repeat(256) + "\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(v2Error("INVALID_BODY"));
    }

    @Test
    void patches_with_200_and_the_new_etag() throws Exception {
        given(commands.send(any())).willReturn(phone);

        mvc.perform(patch(PHONE)
                        .header("Authorization", writer())
                        .contentType("application/json-patch+json")
                        .content(REPLACE_SERIAL))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"1\""));
    }

    @Test
    void a_stale_if_match_is_412_and_an_unknown_device_404() throws Exception {
        given(commands.send(any()))
                .willThrow(new DomainException(ErrorCode.STALE_VERSION, "The device is at version 2, not 1."))
                .willThrow(new DomainException(ErrorCode.DEVICE_NOT_FOUND, "The subscription has no such device."));

        mvc.perform(patch(PHONE)
                        .header("Authorization", writer())
                        .header("If-Match", "\"1\"")
                        .contentType("application/json-patch+json")
                        .content(REPLACE_SERIAL))
                .andExpect(status().isPreconditionFailed())
                .andExpect(v2Error("STALE_VERSION"));
        mvc.perform(patch(PHONE)
                        .header("Authorization", writer())
                        .contentType("application/json-patch+json")
                        .content(REPLACE_SERIAL))
                .andExpect(status().isNotFound())
                .andExpect(v2Error("DEVICE_NOT_FOUND"));
    }

    @Test
    void a_wrong_content_type_is_415() throws Exception {
        mvc.perform(patch(PHONE)
                        .header("Authorization", writer())
                        .contentType(MediaType.TEXT_PLAIN)
                        .content("x"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(v2Error("UNSUPPORTED_MEDIA_TYPE"));
    }

    @Test
    void a_database_that_fails_transiently_is_503() throws Exception {
        given(commands.send(any()))
                .willThrow(new IllegalStateException("command failed", new SQLException("connection lost", "08006")))
                .willThrow(new CannotCreateTransactionException("no connection"));

        for (int i = 0; i < 2; i++) {
            mvc.perform(post(DEVICES)
                            .header("Authorization", writer())
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(TERMINAL))
                    .andExpect(status().isServiceUnavailable())
                    .andExpect(v2Error("SERVICE_UNAVAILABLE"));
        }
    }

    @Test
    void any_other_failure_is_500_with_the_request_id_and_no_internals() throws Exception {
        given(commands.send(any())).willThrow(new NullPointerException("java.lang.Object.toString() on null"));

        mvc.perform(post(DEVICES)
                        .header("Authorization", writer())
                        .header("X-Request-Id", "req-42")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(TERMINAL))
                .andExpect(status().isInternalServerError())
                .andExpect(v2Error("INTERNAL_ERROR"))
                .andExpect(jsonPath("$.error.message").value(org.hamcrest.Matchers.containsString("req-42")));
    }
}
