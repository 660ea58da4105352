package com.subscriptiondevices.query.v1.web;

import static com.subscriptiondevices.platform.testing.EdgeAnswers.token;
import static com.subscriptiondevices.platform.testing.EdgeAnswers.v1Error;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.subscriptiondevices.api.v1.FindV1Device;
import com.subscriptiondevices.api.v1.FindV1Devices;
import com.subscriptiondevices.api.v1.V1Devices;
import com.subscriptiondevices.platform.security.DevTokens;
import com.subscriptiondevices.platform.security.Scopes;
import com.subscriptiondevices.platform.testing.WebEdgeTest;
import com.subscriptiondevices.platform.web.QuerySender;
import com.subscriptiondevices.query.v1.V1DeviceQueries;
import java.net.URI;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** V1 reads: their status codes, each refusal in the V1 body. */
@WebEdgeTest(V1DeviceReadController.class)
class V1DeviceReadControllerTests {

    private static final String DEVICES = "/v1/orgs/yoigo/subscriptions/42/devices";

    @Autowired
    MockMvc mvc;

    @Autowired
    DevTokens tokens;

    @MockitoBean
    V1DeviceQueries reads;

    @MockitoBean
    QuerySender queries;

    private String reader() {
        return token(tokens, "yoigo", Scopes.READ);
    }

    @Test
    void lists_the_devices_with_200() throws Exception {
        given(reads.handle(any(FindV1Devices.class))).willReturn(new V1Devices(true, List.of()));

        mvc.perform(get(DEVICES + "?category=SIM&only_active=false").header("Authorization", reader()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$").isArray());
    }

    @Test
    void each_invalid_parameter_is_an_item_of_the_v1_body() throws Exception {
        mvc.perform(get("/v1/orgs/yoigo/subscriptions/x/devices?category=PHONE&only_active=maybe")
                        .header("Authorization", reader()))
                .andExpect(status().isBadRequest())
                .andExpect(v1Error("INVALID_PARAMETER"))
                .andExpect(jsonPath("$.errors.length()").value(3));
        mvc.perform(get(URI.create(DEVICES + "?category=%C0%80")).header("Authorization", reader()))
                .andExpect(status().isBadRequest())
                .andExpect(v1Error("INVALID_PARAMETER"));
    }

    @Test
    void an_unknown_subscription_or_device_is_404() throws Exception {
        given(reads.handle(any(FindV1Devices.class))).willReturn(V1Devices.subscriptionNotFound());
        given(reads.handle(any(FindV1Device.class))).willReturn(new V1Devices(true, List.of()));

        mvc.perform(get(DEVICES).header("Authorization", reader()))
                .andExpect(status().isNotFound())
                .andExpect(v1Error("SUBSCRIPTION_NOT_FOUND"));
        mvc.perform(get(DEVICES + "/7").header("Authorization", reader()))
                .andExpect(status().isNotFound())
                .andExpect(v1Error("DEVICE_NOT_FOUND"));
    }

    @Test
    void no_token_is_401_and_a_lost_connection_503_in_the_v1_body() throws Exception {
        mvc.perform(get(DEVICES)).andExpect(status().isUnauthorized()).andExpect(v1Error("UNAUTHORIZED"));

        given(reads.handle(any(FindV1Devices.class)))
                .willThrow(new IllegalStateException("query failed", new SQLException("gone", "08006")));
        mvc.perform(get(DEVICES).header("Authorization", reader()))
                .andExpect(status().isServiceUnavailable())
                .andExpect(v1Error("SERVICE_UNAVAILABLE"));
    }
}
