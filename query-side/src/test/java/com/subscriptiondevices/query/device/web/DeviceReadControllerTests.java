package com.subscriptiondevices.query.device.web;

import static com.subscriptiondevices.platform.testing.EdgeAnswers.token;
import static com.subscriptiondevices.platform.testing.EdgeAnswers.v2Error;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.subscriptiondevices.api.device.DeviceCategory;
import com.subscriptiondevices.api.device.DeviceDetails;
import com.subscriptiondevices.api.device.DeviceId;
import com.subscriptiondevices.api.device.DevicePage;
import com.subscriptiondevices.api.device.DeviceView;
import com.subscriptiondevices.api.device.FindDevicesByIdentifier;
import com.subscriptiondevices.api.device.FindSubscriptionDevices;
import com.subscriptiondevices.api.device.SubscriptionDevices;
import com.subscriptiondevices.api.subscription.FindSubscription;
import com.subscriptiondevices.api.subscription.SubscriptionId;
import com.subscriptiondevices.platform.security.DevTokens;
import com.subscriptiondevices.platform.security.Scopes;
import com.subscriptiondevices.platform.testing.WebEdgeTest;
import com.subscriptiondevices.platform.web.QuerySender;
import com.subscriptiondevices.query.device.DeviceQueries;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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
    DeviceQueries reads;

    @MockitoBean
    QuerySender queries;

    private String reader() {
        return token(tokens, "yoigo", Scopes.READ);
    }

    @Test
    void finds_devices_by_serial_number_with_200() throws Exception {
        given(reads.handle(any(FindDevicesByIdentifier.class))).willReturn(new DevicePage(List.of(), 0));

        mvc.perform(get("/v2/orgs/yoigo/devices?serial_number=SN-1").header("Authorization", reader()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$").isArray())
                .andExpect(header().string("X-Total-Count", "0"))
                .andExpect(header().string("X-Result-Count", "0"))
                .andExpect(header().doesNotExist("Link"));
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
    void each_malformed_identifier_filter_has_its_format_code_and_several_are_named_in_one_message() throws Exception {
        mvc.perform(get("/v2/orgs/yoigo/devices?iccid=8934011411551283145").header("Authorization", reader()))
                .andExpect(status().isBadRequest())
                .andExpect(v2Error("INVALID_ICCID_FORMAT"));
        mvc.perform(get("/v2/orgs/yoigo/devices?imsi=2140").header("Authorization", reader()))
                .andExpect(status().isBadRequest())
                .andExpect(v2Error("INVALID_IMSI_FORMAT"));
        mvc.perform(get("/v2/orgs/yoigo/devices?imei=490154203237517").header("Authorization", reader()))
                .andExpect(status().isBadRequest())
                .andExpect(v2Error("INVALID_IMEI_FORMAT"));
        mvc.perform(get("/v2/orgs/yoigo/devices?imsi=x&imei=y").header("Authorization", reader()))
                .andExpect(status().isBadRequest())
                .andExpect(v2Error("INVALID_PARAMETER"))
                .andExpect(jsonPath("$.error.message")
                        .value(org.hamcrest.Matchers.allOf(
                                org.hamcrest.Matchers.containsString("imsi 'x'"),
                                org.hamcrest.Matchers.containsString("imei 'y'"))));
    }

    @Test
    void the_identifiers_are_asked_for_in_their_normal_form_with_the_page() throws Exception {
        given(reads.handle(any(FindDevicesByIdentifier.class))).willReturn(new DevicePage(List.of(), 0));

        mvc.perform(get(URI.create(
                                "/v2/orgs/yoigo/devices?imei=49-015420-323751-8&iccid=%208934011411551283144&offset=5&limit=7"))
                        .header("Authorization", reader()))
                .andExpect(status().isOk());
        org.mockito.Mockito.verify(reads)
                .handle(org.mockito.ArgumentMatchers.eq(new FindDevicesByIdentifier(
                        "yoigo", null, null, "8934011411551283144", null, "490154203237518", 5, 7)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"offset=-1", "offset=x", "limit=0", "limit=1001", "limit=1.5", "offset=1&limit=-3"})
    void an_offset_or_limit_out_of_range_is_400_on_both_lists(String paging) throws Exception {
        mvc.perform(get("/v2/orgs/yoigo/devices?serial_number=S&" + paging).header("Authorization", reader()))
                .andExpect(status().isBadRequest())
                .andExpect(v2Error("INVALID_QUERY_PARAM"));
        mvc.perform(get(SUBSCRIPTION + "/devices?" + paging).header("Authorization", reader()))
                .andExpect(status().isBadRequest())
                .andExpect(v2Error("INVALID_QUERY_PARAM"));
    }

    @Test
    void while_more_follow_the_page_links_to_the_next_with_the_same_filters() throws Exception {
        DeviceView device =
                new DeviceView(DeviceId.random(), 1, SubscriptionId.random(), DeviceCategory.OTHER, terminal(), 1);
        given(reads.handle(any(FindDevicesByIdentifier.class))).willReturn(new DevicePage(List.of(device), 3));

        mvc.perform(get(URI.create(
                                "/v2/orgs/yoigo/devices?serial_number=S%201&mac_address=aabb.ccdd.eeff&offset=1&limit=1"))
                        .header("Authorization", reader()))
                .andExpect(status().isOk())
                .andExpect(header().string("X-Total-Count", "3"))
                .andExpect(header().string("X-Result-Count", "1"))
                .andExpect(header().string(
                                "Link",
                                "</v2/orgs/yoigo/devices?mac_address=AA:BB:CC:DD:EE:FF&serial_number=S%201"
                                        + "&offset=2&limit=1>; rel=\"next\""));
        given(reads.handle(any(FindDevicesByIdentifier.class))).willReturn(new DevicePage(List.of(device), 3));
        mvc.perform(get("/v2/orgs/yoigo/devices?serial_number=S&offset=2&limit=1")
                        .header("Authorization", reader()))
                .andExpect(status().isOk())
                .andExpect(header().doesNotExist("Link"));
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
        given(reads.handle(any(FindSubscriptionDevices.class))).willReturn(SubscriptionDevices.notFound());

        mvc.perform(get(SUBSCRIPTION + "/devices").header("Authorization", reader()))
                .andExpect(status().isNotFound())
                .andExpect(v2Error("SUBSCRIPTION_NOT_FOUND"));
        mvc.perform(get(SUBSCRIPTION.replace("yoigo", "masmovil")).header("Authorization", reader()))
                .andExpect(status().isForbidden())
                .andExpect(v2Error("FORBIDDEN_ORGANIZATION"));
    }

    @Test
    void a_database_that_fails_transiently_is_503() throws Exception {
        given(reads.handle(any(FindSubscription.class)))
                .willThrow(new CannotCreateTransactionException("no connection"));

        mvc.perform(get(SUBSCRIPTION).header("Authorization", reader()))
                .andExpect(status().isServiceUnavailable())
                .andExpect(v2Error("SERVICE_UNAVAILABLE"));
    }

    private static DeviceDetails terminal() {
        return new DeviceDetails(
                "ROUTER-X1",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                "S 1",
                "AA:BB:CC:DD:EE:FF",
                null,
                null,
                List.of(),
                null,
                4711,
                null,
                null);
    }
}
