package com.subscriptiondevices.command.simreplacement.web;

import static com.subscriptiondevices.platform.testing.EdgeAnswers.token;
import static com.subscriptiondevices.platform.testing.EdgeAnswers.v1Error;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.subscriptiondevices.api.error.DomainException;
import com.subscriptiondevices.api.error.ErrorCode;
import com.subscriptiondevices.command.subscription.TestDevices;
import com.subscriptiondevices.command.uniqueness.V1Identities;
import com.subscriptiondevices.platform.security.DevTokens;
import com.subscriptiondevices.platform.security.Scopes;
import com.subscriptiondevices.platform.testing.WebEdgeTest;
import com.subscriptiondevices.platform.web.CommandSender;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.CannotCreateTransactionException;

/** V1 SIM replacement: its status codes, each refusal in the V1 body. */
@WebEdgeTest(SimReplacementController.class)
class SimReplacementControllerTests {

    private static final String REPLACEMENT = "/v1/orgs/yoigo/subscriptions/4242/devices/1002/replacement";
    private static final String REQUEST = "{\"category\":\"SIM\",\"user_name\":\"agent\",\"change_reason\":\"lost\","
            + "\"subscription_device_change_request\":{\"iccid\":\"" + TestDevices.ICCID + "\",\"new_iccid\":\""
            + TestDevices.OTHER_ICCID + "\",\"new_imsi\":\"" + TestDevices.OTHER_IMSI + "\"}}";

    @Autowired
    MockMvc mvc;

    @Autowired
    DevTokens tokens;

    @MockitoBean
    CommandSender commands;

    @MockitoBean
    V1Identities identities;

    @BeforeEach
    void knownDevice() {
        given(identities.subscription(4242L)).willReturn(Optional.of(TestDevices.SUBSCRIPTION_ID));
        given(identities.device(TestDevices.SUBSCRIPTION_ID, 1002L)).willReturn(Optional.of(TestDevices.SIM_ID));
    }

    private String writer() {
        return token(tokens, "yoigo", Scopes.WRITE);
    }

    @Test
    void records_the_request_with_202_and_the_device_location() throws Exception {
        mvc.perform(post(REPLACEMENT)
                        .header("Authorization", writer())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(REQUEST))
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", "/v1/orgs/yoigo/subscriptions/4242/devices/1002"));
    }

    @Test
    void each_invalid_field_is_an_item_of_the_v1_body() throws Exception {
        mvc.perform(post(REPLACEMENT)
                        .header("Authorization", writer())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"subscription_device_change_request\":{\"new_iccid\":\"12\",\"new_imsi\":\"34\"}}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.length()").value(3))
                .andExpect(jsonPath("$.errors[*].code")
                        .value(org.hamcrest.Matchers.containsInAnyOrder(
                                "INVALID_BODY", "INVALID_ICCID_FORMAT", "INVALID_IMSI_FORMAT")));
    }

    @Test
    void an_unknown_device_is_404_and_a_pending_request_409() throws Exception {
        given(identities.device(any(), anyLong())).willReturn(Optional.empty());
        mvc.perform(post(REPLACEMENT)
                        .header("Authorization", writer())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(REQUEST))
                .andExpect(status().isNotFound())
                .andExpect(v1Error("DEVICE_NOT_FOUND"));

        given(identities.device(any(), anyLong())).willReturn(Optional.of(TestDevices.SIM_ID));
        given(commands.send(any(), anyString()))
                .willThrow(
                        new DomainException(ErrorCode.PENDING_CHANGE_REQUEST, "A SIM replacement is pending already."));
        mvc.perform(post(REPLACEMENT)
                        .header("Authorization", writer())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(REQUEST))
                .andExpect(status().isConflict())
                .andExpect(v1Error("PENDING_CHANGE_REQUEST"));
    }

    @Test
    void a_database_that_fails_transiently_is_503_in_the_v1_body() throws Exception {
        given(commands.send(any(), anyString())).willThrow(new CannotCreateTransactionException("no connection"));

        mvc.perform(post(REPLACEMENT)
                        .header("Authorization", writer())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(REQUEST))
                .andExpect(status().isServiceUnavailable())
                .andExpect(v1Error("SERVICE_UNAVAILABLE"));
    }
}
