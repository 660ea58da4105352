package com.subscriptiondevices.command.hub.web;

import static com.subscriptiondevices.platform.testing.EdgeAnswers.token;
import static com.subscriptiondevices.platform.testing.EdgeAnswers.v2Error;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.subscriptiondevices.command.hub.delivery.HubDispatcher;
import com.subscriptiondevices.command.hub.listener.CallbackPolicy;
import com.subscriptiondevices.command.hub.listener.HostResolver;
import com.subscriptiondevices.command.hub.listener.Listener;
import com.subscriptiondevices.command.hub.listener.ListenerStore;
import com.subscriptiondevices.platform.security.DevTokens;
import com.subscriptiondevices.platform.security.Scopes;
import com.subscriptiondevices.platform.testing.WebEdgeTest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The hub's status codes behind the real security and error edge. */
@WebEdgeTest(HubController.class)
@Import(HubControllerTests.Callbacks.class)
class HubControllerTests {

    private static final String HUB = "/v2/orgs/yoigo/hub";

    @Autowired
    MockMvc mvc;

    @Autowired
    DevTokens tokens;

    @MockitoBean
    ListenerStore listeners;

    @MockitoBean
    HubDispatcher dispatcher;

    @MockitoBean
    EventStore eventStore;

    @TestConfiguration
    static class Callbacks {
        @Bean
        CallbackPolicy callbackPolicy() {
            return new CallbackPolicy(List.of("localhost", "127.0.0.1"), HostResolver.system());
        }
    }

    @Test
    void registers_with_201_its_location_and_a_generated_secret_shown_this_once() throws Exception {
        given(eventStore.createHeadToken()).willReturn(new GlobalSequenceTrackingToken(41));
        mvc.perform(post(HUB)
                        .header("Authorization", token(tokens, "yoigo", Scopes.EVENTS))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"callback\":\"http://127.0.0.1:9000/hook\"}"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", startsWith(HUB + "/")))
                .andExpect(header().string("Cache-Control", "no-store"))
                .andExpect(jsonPath("$.secret").value(startsWith("whsec_")))
                .andExpect(jsonPath("$.status").value("ACTIVE"));
        // it hears what is stored after the event store's latest event when it registered
        verify(listeners)
                .register(any(), eq("yoigo"), eq("http://127.0.0.1:9000/hook"), eq(null), any(), any(), eq(41L));
    }

    @Test
    void bad_callbacks_queries_and_secrets_are_400_and_nothing_is_registered() throws Exception {
        for (String body : List.of(
                "{\"callback\":\"http://example.com/hook\"}",
                "{\"callback\":\"nope\"}",
                "{\"callback\":\"http://127.0.0.1/hook\",\"query\":\"type=unknown\"}",
                "{\"callback\":\"http://127.0.0.1/hook\",\"secret\":\"too-short\"}",
                "{\"callback\":\"http://127.0.0.1/hook\",\"callback\":\"http://127.0.0.1/other\"}",
                "{}")) {
            mvc.perform(post(HUB)
                            .header("Authorization", token(tokens, "yoigo", Scopes.EVENTS))
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(body))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.error.code").exists());
        }
        verify(listeners, never()).register(any(), any(), any(), any(), any(), any(), anyLong());
    }

    @Test
    void the_hub_needs_devices_events_and_the_org_in_the_token() throws Exception {
        mvc.perform(get(HUB).header("Authorization", token(tokens, "yoigo", Scopes.READ, Scopes.WRITE)))
                .andExpect(status().isForbidden())
                .andExpect(v2Error("MISSING_PERMISSIONS"));
        mvc.perform(get(HUB).header("Authorization", token(tokens, "masmovil", Scopes.EVENTS)))
                .andExpect(status().isForbidden())
                .andExpect(v2Error("FORBIDDEN_ORGANIZATION"));
        mvc.perform(get(HUB)).andExpect(status().isUnauthorized()).andExpect(v2Error("UNAUTHORIZED"));
    }

    @Test
    void a_listener_is_shown_without_its_secret_or_is_404() throws Exception {
        UUID id = UUID.randomUUID();
        given(listeners.find("yoigo", id))
                .willReturn(Optional.of(new Listener(
                        id,
                        "yoigo",
                        "http://127.0.0.1/hook",
                        null,
                        "FAILING",
                        Instant.parse("2026-01-01T00:00:00Z"),
                        null,
                        3,
                        7,
                        "HTTP 500")));
        mvc.perform(get(HUB + "/" + id).header("Authorization", token(tokens, "yoigo", Scopes.EVENTS)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("FAILING"))
                .andExpect(jsonPath("$.pending").value(3))
                .andExpect(jsonPath("$.failures").value(7))
                .andExpect(jsonPath("$.last_error").value("HTTP 500"))
                .andExpect(jsonPath("$.secret").doesNotExist());
        mvc.perform(get(HUB + "/" + UUID.randomUUID()).header("Authorization", token(tokens, "yoigo", Scopes.EVENTS)))
                .andExpect(status().isNotFound())
                .andExpect(v2Error("LISTENER_NOT_FOUND"));
        mvc.perform(get(HUB + "/not-a-uuid").header("Authorization", token(tokens, "yoigo", Scopes.EVENTS)))
                .andExpect(status().isBadRequest());
    }

    @Test
    void deleting_waits_for_the_deliveries_to_stop_and_answers_204_or_404() throws Exception {
        UUID id = UUID.randomUUID();
        given(listeners.markDeleted("yoigo", id)).willReturn(true);
        mvc.perform(delete(HUB + "/" + id).header("Authorization", token(tokens, "yoigo", Scopes.EVENTS)))
                .andExpect(status().isNoContent());
        verify(dispatcher).awaitRelease(id);
        verify(listeners).remove(id);
        mvc.perform(delete(HUB + "/" + UUID.randomUUID())
                        .header("Authorization", token(tokens, "yoigo", Scopes.EVENTS)))
                .andExpect(status().isNotFound())
                .andExpect(v2Error("LISTENER_NOT_FOUND"));
    }
}
