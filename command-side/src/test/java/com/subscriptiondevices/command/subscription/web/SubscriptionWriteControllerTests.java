package com.subscriptiondevices.command.subscription.web;

import static com.subscriptiondevices.platform.testing.EdgeAnswers.token;
import static com.subscriptiondevices.platform.testing.EdgeAnswers.v2Error;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.subscriptiondevices.api.error.DomainException;
import com.subscriptiondevices.api.error.ErrorCode;
import com.subscriptiondevices.api.subscription.CreateSubscription;
import com.subscriptiondevices.api.subscription.PatchSubscription;
import com.subscriptiondevices.api.subscription.SubscriptionId;
import com.subscriptiondevices.api.subscription.SubscriptionView;
import com.subscriptiondevices.command.uniqueness.LegacyIds;
import com.subscriptiondevices.platform.security.DevTokens;
import com.subscriptiondevices.platform.security.Scopes;
import com.subscriptiondevices.platform.testing.WebEdgeTest;
import com.subscriptiondevices.platform.web.CommandSender;
import java.util.UUID;
import java.util.function.LongFunction;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** Registering a subscription and patching its phone number: their status codes behind the real security and error edge. */
@WebEdgeTest(SubscriptionWriteController.class)
class SubscriptionWriteControllerTests {

    private static final String SUBSCRIPTIONS = "/v2/orgs/yoigo/subscriptions";

    @Autowired
    MockMvc mvc;

    @Autowired
    DevTokens tokens;

    @MockitoBean
    CommandSender commands;

    @MockitoBean
    LegacyIds legacyIds;

    @BeforeEach
    void legacyIdsAreAssigned() {
        given(legacyIds.withSubscriptionLegacyId(any(), any())).willAnswer(call -> call.<LongFunction<?>>getArgument(1)
                .apply(call.getArgument(0) == null ? 7L : call.<Long>getArgument(0)));
    }

    @Test
    void registers_a_subscription_with_201_and_its_location() throws Exception {
        mvc.perform(post(SUBSCRIPTIONS)
                        .header("Authorization", token(tokens, "yoigo", Scopes.WRITE))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"legacy_account_id\":4711}"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", org.hamcrest.Matchers.startsWith(SUBSCRIPTIONS + "/")))
                .andExpect(jsonPath("$.legacy_id").value(7));
    }

    @Test
    void an_org_outside_the_token_is_403_and_a_missing_scope_too() throws Exception {
        mvc.perform(post(SUBSCRIPTIONS)
                        .header("Authorization", token(tokens, "masmovil", Scopes.WRITE))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"legacy_account_id\":4711}"))
                .andExpect(status().isForbidden())
                .andExpect(v2Error("FORBIDDEN_ORGANIZATION"));
        mvc.perform(post(SUBSCRIPTIONS)
                        .header("Authorization", token(tokens, "yoigo", Scopes.READ))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"legacy_account_id\":4711}"))
                .andExpect(status().isForbidden())
                .andExpect(v2Error("MISSING_PERMISSIONS"));
    }

    @Test
    void a_missing_account_or_a_duplicate_member_is_400() throws Exception {
        mvc.perform(post(SUBSCRIPTIONS)
                        .header("Authorization", token(tokens, "yoigo", Scopes.WRITE))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isBadRequest())
                .andExpect(v2Error("INVALID_BODY"))
                .andExpect(
                        jsonPath("$.error.message").value(org.hamcrest.Matchers.containsString("legacy_account_id")));
        mvc.perform(post(SUBSCRIPTIONS)
                        .header("Authorization", token(tokens, "yoigo", Scopes.WRITE))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"legacy_account_id\":1,\"legacy_account_id\":2}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error.message").value("The member 'legacy_account_id' appears twice."));
    }

    @Test
    void a_registration_with_a_phone_number_answers_it_and_a_malformed_one_is_400() throws Exception {
        mvc.perform(post(SUBSCRIPTIONS)
                        .header("Authorization", token(tokens, "yoigo", Scopes.WRITE))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"legacy_account_id\":4711,\"msisdn\":\"+34600123456\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.msisdn").value("+34600123456"));
        verify(commands)
                .send(argThat(command ->
                        command instanceof CreateSubscription create && "+34600123456".equals(create.msisdn())));
        mvc.perform(post(SUBSCRIPTIONS)
                        .header("Authorization", token(tokens, "yoigo", Scopes.WRITE))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"legacy_account_id\":4711,\"msisdn\":\"600123456\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(v2Error("INVALID_MSISDN_FORMAT"))
                .andExpect(jsonPath("$.error.message").value(org.hamcrest.Matchers.startsWith("msisdn: ")));
    }

    @Test
    void a_patch_is_sent_as_it_came_and_answers_the_subscription_with_200() throws Exception {
        String id = UUID.randomUUID().toString();
        String operations = "[{\"op\":\"add\",\"path\":\"/msisdn\",\"value\":\"+34600123456\"}]";
        given(commands.send(any()))
                .willReturn(new SubscriptionView(SubscriptionId.of(id), 7, 4711, "yoigo", "+34600123456"));

        mvc.perform(patch(SUBSCRIPTIONS + "/" + id)
                        .header("Authorization", token(tokens, "yoigo", Scopes.WRITE))
                        .contentType("application/json-patch+json")
                        .content(operations))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.msisdn").value("+34600123456"));
        verify(commands).send(new PatchSubscription(SubscriptionId.of(id), "yoigo", operations));
    }

    @Test
    void a_patch_with_a_number_in_use_is_409_a_nul_is_400_and_reading_scope_is_not_enough() throws Exception {
        String path = SUBSCRIPTIONS + "/" + UUID.randomUUID();
        given(commands.send(any())).willThrow(new DomainException(ErrorCode.MSISDN_IN_USE, "taken"));

        mvc.perform(patch(path)
                        .header("Authorization", token(tokens, "yoigo", Scopes.WRITE))
                        .contentType("application/json-patch+json")
                        .content("[{\"op\":\"add\",\"path\":\"/msisdn\",\"value\":\"+34600123456\"}]"))
                .andExpect(status().isConflict())
                .andExpect(v2Error("MSISDN_IN_USE"));
        mvc.perform(patch(path)
                        .header("Authorization", token(tokens, "yoigo", Scopes.WRITE))
                        .contentType("application/json-patch+json")
                        .content("[{\"op\":\"add\",\"path\":\"/msisdn\",\"value\":\"+3460\\u0000\"}]"))
                .andExpect(status().isBadRequest())
                .andExpect(v2Error("INVALID_PATCH"));
        mvc.perform(patch(path)
                        .header("Authorization", token(tokens, "yoigo", Scopes.READ))
                        .contentType("application/json-patch+json")
                        .content("[]"))
                .andExpect(status().isForbidden())
                .andExpect(v2Error("MISSING_PERMISSIONS"));
    }

    @Test
    void an_id_in_use_is_409() throws Exception {
        given(commands.send(any())).willThrow(new AggregateStreamCreationException("exists"));

        mvc.perform(post(SUBSCRIPTIONS)
                        .header("Authorization", token(tokens, "yoigo", Scopes.WRITE))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"legacy_account_id\":4711,\"legacy_id\":3}"))
                .andExpect(status().isConflict())
                .andExpect(v2Error("SUBSCRIPTION_ALREADY_EXISTS"));
    }
}
