package com.subscriptiondevices.command.operations.web;

import static com.subscriptiondevices.platform.testing.EdgeAnswers.token;
import static com.subscriptiondevices.platform.testing.EdgeAnswers.v2Error;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.subscriptiondevices.api.error.DomainException;
import com.subscriptiondevices.api.error.ErrorCode;
import com.subscriptiondevices.platform.axon.deadletter.DeadLetterQueues;
import com.subscriptiondevices.platform.security.DevTokens;
import com.subscriptiondevices.platform.security.Scopes;
import com.subscriptiondevices.platform.testing.WebEdgeTest;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The dead-letter operator endpoints' status codes (the asynchronous consumers' letters). */
@WebEdgeTest(DeadLetterController.class)
class DeadLetterControllerTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    DevTokens tokens;

    @MockitoBean
    DeadLetterQueues deadLetters;

    private String admin() {
        return token(tokens, "yoigo", Scopes.ADMIN);
    }

    @Test
    void lists_the_letters_with_200_and_needs_the_admin_scope() throws Exception {
        given(deadLetters.list(any())).willReturn(List.of());

        mvc.perform(get("/admin/dead-letters").header("Authorization", admin())).andExpect(status().isOk());
        mvc.perform(get("/admin/dead-letters").header("Authorization", token(tokens, "yoigo", Scopes.READ)))
                .andExpect(status().isForbidden())
                .andExpect(v2Error("MISSING_PERMISSIONS"));
    }

    @Test
    void an_unknown_processing_group_or_one_that_is_not_utf8_is_400() throws Exception {
        given(deadLetters.processingGroups()).willReturn(List.of("SimReplacementProcessProcessor"));

        mvc.perform(get("/admin/dead-letters?processing_group=nope").header("Authorization", admin()))
                .andExpect(status().isBadRequest())
                .andExpect(v2Error("INVALID_PARAMETER"));
        mvc.perform(get(URI.create("/admin/dead-letters?processing_group=%C0%80"))
                        .header("Authorization", admin()))
                .andExpect(status().isBadRequest())
                .andExpect(v2Error("INVALID_PARAMETER"));
    }

    @Test
    void retrying_a_blank_id_is_400_and_an_unknown_one_404() throws Exception {
        mvc.perform(post(URI.create("/admin/dead-letters/%20/retry")).header("Authorization", admin()))
                .andExpect(status().isBadRequest())
                .andExpect(v2Error("INVALID_PARAMETER"));

        given(deadLetters.retry(any()))
                .willThrow(new DomainException(ErrorCode.DEAD_LETTER_NOT_FOUND, "No dead letter with this id."));
        mvc.perform(post("/admin/dead-letters/" + UUID.randomUUID() + "/retry").header("Authorization", admin()))
                .andExpect(status().isNotFound())
                .andExpect(v2Error("DEAD_LETTER_NOT_FOUND"));
    }
}
