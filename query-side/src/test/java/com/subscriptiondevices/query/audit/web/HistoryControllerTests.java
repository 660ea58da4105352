package com.subscriptiondevices.query.audit.web;

import static com.subscriptiondevices.platform.testing.EdgeAnswers.token;
import static com.subscriptiondevices.platform.testing.EdgeAnswers.v2Error;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.subscriptiondevices.api.audit.RecordedEvent;
import com.subscriptiondevices.api.audit.SubscriptionHistory;
import com.subscriptiondevices.platform.security.DevTokens;
import com.subscriptiondevices.platform.security.Scopes;
import com.subscriptiondevices.platform.testing.WebEdgeTest;
import com.subscriptiondevices.platform.web.QuerySender;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The audit trail's status codes. */
@WebEdgeTest(HistoryController.class)
class HistoryControllerTests {

    private static final String HISTORY = "/v2/orgs/yoigo/subscriptions/" + UUID.randomUUID() + "/history";

    @Autowired
    MockMvc mvc;

    @Autowired
    DevTokens tokens;

    @MockitoBean
    QuerySender queries;

    @Test
    void a_page_with_more_after_it_is_200_with_a_link_to_the_next() throws Exception {
        RecordedEvent event = new RecordedEvent(1, "SubscriptionCreated", Instant.EPOCH, "u", "r", Map.of());
        given(queries.ask(any(), any())).willReturn(new SubscriptionHistory(true, List.of(event), true));

        mvc.perform(get(HISTORY + "?limit=1").header("Authorization", token(tokens, "yoigo", Scopes.AUDIT)))
                .andExpect(status().isOk())
                .andExpect(header().string("Link", org.hamcrest.Matchers.containsString("after_sequence=1")));
    }

    @Test
    void the_history_needs_the_audit_scope() throws Exception {
        mvc.perform(get(HISTORY).header("Authorization", token(tokens, "yoigo", Scopes.READ)))
                .andExpect(status().isForbidden())
                .andExpect(v2Error("MISSING_PERMISSIONS"));
    }

    @Test
    void a_bad_page_is_400_and_an_unknown_subscription_404() throws Exception {
        mvc.perform(get(HISTORY + "?limit=0&after_sequence=x")
                        .header("Authorization", token(tokens, "yoigo", Scopes.AUDIT)))
                .andExpect(status().isBadRequest())
                .andExpect(v2Error("INVALID_PARAMETER"));

        given(queries.ask(any(), any())).willReturn(SubscriptionHistory.subscriptionNotFound());
        mvc.perform(get(HISTORY).header("Authorization", token(tokens, "yoigo", Scopes.AUDIT)))
                .andExpect(status().isNotFound())
                .andExpect(v2Error("SUBSCRIPTION_NOT_FOUND"));
    }
}
