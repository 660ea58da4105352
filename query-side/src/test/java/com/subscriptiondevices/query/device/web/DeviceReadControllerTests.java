package com.subscriptiondevices.query.device.web;

import static com.subscriptiondevices.platform.testing.EdgeAnswers.token;
import static com.subscriptiondevices.platform.testing.EdgeAnswers.v2Error;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.subscriptiondevices.api.device.SubscriptionDevices;
import com.subscriptiondevices.platform.security.DevTokens;
import com.subscriptiondevices.platform.security.Scopes;
import com.subscriptiondevices.platform.testing.WebEdgeTest;
import com.subscriptiondevices.platform.web.QuerySender;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.CannotCreateTransactionException;

/** V2 reads: their status codes behind the real security and error edge, without a database. */
@WebEdgeTest(DeviceReadController.class)
class DeviceReadControllerTests {

    private static final String SUBSCRIPTION = "/v2/orgs/yoigo/subscriptions/" + UUID.randomUUID();

    @Autowired
    MockMvc mvc;

    @Autowired
    DevTokens tokens;

    @MockitoBean
    QuerySender queries;

    private String reader() {
        return token(tokens, "yoigo", Scopes.READ);
    }

    @Test
    void finds_devices_by_serial_number_with_200() throws Exception {
        given(queries.ask(any(), any())).willReturn(List.of());

        mvc.perform(get("/v2/orgs/yoigo/devices?serial_number=SN-1").header("Authorization", reader()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$").isArray());
    }

    @Test
    void a_lookup_without_filters_is_400_and_a_malformed_mac_too() throws Exception {
        mvc.perform(get("/v2/orgs/yoigo/devices").header("Authorization", reader()))
                .andExpect(status().isBadRequest())
                .andExpect(v2Error("MISSING_QUERY_PARAMS"));
        mvc.perform(get("/v2/orgs/yoigo/devices?mac_address=zz").header("Authorization", reader()))
                .andExpect(status().isBadRequest())
                .andExpect(v2Error("INVALID_MAC_ADDRESS_FORMAT"));
    }

    @Test
    void a_nul_in_a_query_value_is_400_before_anything_is_asked() throws Exception {
        mvc.perform(get(URI.create("/v2/orgs/yoigo/devices?serial_number=a%00b"))
                        .header("Authorization", reader()))
                .andExpect(status().isBadRequest())
                .andExpect(v2Error("INVALID_PARAMETER"))
                .andExpect(jsonPath("$.error.message").value(org.hamcrest.Matchers.containsString("serial_number")));
    }

    @Test
    void a_blank_or_malformed_subscription_id_is_400() throws Exception {
        mvc.perform(get(URI.create("/v2/orgs/yoigo/subscriptions/%20/devices")).header("Authorization", reader()))
                .andExpect(status().isBadRequest())
                .andExpect(v2Error("INVALID_PARAMETER"));
        mvc.perform(get("/v2/orgs/yoigo/subscriptions/nope/devices").header("Authorization", reader()))
                .andExpect(status().isBadRequest())
                .andExpect(v2Error("INVALID_PARAMETER"))
                .andExpect(jsonPath("$.error.message")
                        .value("'subscriptionId' has the value 'nope', which is not a UUID."));
    }

    @Test
    void an_unknown_subscription_is_404_and_a_foreign_org_403() throws Exception {
        given(queries.ask(any(), any())).willReturn(SubscriptionDevices.notFound(), Optional.empty());

        mvc.perform(get(SUBSCRIPTION + "/devices").header("Authorization", reader()))
                .andExpect(status().isNotFound())
                .andExpect(v2Error("SUBSCRIPTION_NOT_FOUND"));
        mvc.perform(get(SUBSCRIPTION.replace("yoigo", "masmovil")).header("Authorization", reader()))
                .andExpect(status().isForbidden())
                .andExpect(v2Error("FORBIDDEN_ORGANIZATION"));
    }

    @Test
    void a_database_that_fails_transiently_is_503() throws Exception {
        given(queries.ask(any(), any())).willThrow(new CannotCreateTransactionException("no connection"));

        mvc.perform(get(SUBSCRIPTION).header("Authorization", reader()))
                .andExpect(status().isServiceUnavailable())
                .andExpect(v2Error("SERVICE_UNAVAILABLE"));
    }
}
