package com.subscriptiondevices.query.simswap.web;

import static com.subscriptiondevices.platform.testing.EdgeAnswers.camaraError;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.subscriptiondevices.api.simswap.FindLatestSimChange;
import com.subscriptiondevices.platform.security.DevTokens;
import com.subscriptiondevices.platform.security.Scopes;
import com.subscriptiondevices.platform.testing.EdgeAnswers;
import com.subscriptiondevices.platform.testing.WebEdgeTest;
import com.subscriptiondevices.platform.web.QuerySender;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.CannotCreateTransactionException;

/** The SIM swap API: every status of its CAMARA family behind the real security and error edge, without a database. */
@WebEdgeTest(SimSwapController.class)
@Import(SimSwapControllerTests.FixedClock.class)
class SimSwapControllerTests {

    static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final String NUMBER = "+34600123456";

    @TestConfiguration
    static class FixedClock {
        @Bean
        Clock clock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    DevTokens tokens;

    @MockitoBean
    QuerySender queries;

    private String bank(String... scopes) {
        return EdgeAnswers.token(tokens, "yoigo", scopes.length == 0 ? new String[] {Scopes.SIM_SWAP} : scopes);
    }

    private String line(String phoneNumber) {
        return "Bearer "
                + tokens.mint(
                        "line-user",
                        null,
                        List.of("yoigo"),
                        List.of(Scopes.SIM_SWAP),
                        Duration.ofMinutes(5),
                        Map.of("phone_number", phoneNumber));
    }

    private static MockHttpServletRequestBuilder json(String path, String body) {
        return post(path).contentType(MediaType.APPLICATION_JSON).content(body);
    }

    private void latestChangeIs(Instant at) {
        given(queries.ask(any(), any())).willReturn(Optional.ofNullable(at));
    }

    @Test
    void retrieve_date_answers_the_latest_change_in_utc_and_asks_with_the_tokens_orgs() throws Exception {
        latestChangeIs(Instant.parse("2026-11-29T08:15:30.123Z"));

        mvc.perform(json("/sim-swap/v2/retrieve-date", "{\"phoneNumber\":\"" + NUMBER + "\"}")
                        .header("Authorization", bank())
                        .header("x-correlator", "bank-1"))
                .andExpect(status().isOk())
                .andExpect(header().string("x-correlator", "bank-1"))
                .andExpect(jsonPath("$.latestSimChange").value("2026-11-29T08:15:30.123Z"))
                .andExpect(jsonPath("$.monitoredPeriod").doesNotExist());
        verify(queries).ask(eq(new FindLatestSimChange(NUMBER, List.of("yoigo"))), any());
    }

    @Test
    void check_is_true_within_max_age_hours_of_the_clock_and_false_beyond() throws Exception {
        latestChangeIs(NOW.minus(Duration.ofHours(5)));

        mvc.perform(json("/sim-swap/v2/check", "{\"phoneNumber\":\"" + NUMBER + "\",\"maxAge\":6}")
                        .header("Authorization", bank()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.swapped").value(true));
        mvc.perform(json("/sim-swap/v2/check", "{\"phoneNumber\":\"" + NUMBER + "\",\"maxAge\":4}")
                        .header("Authorization", bank()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.swapped").value(false));
    }

    @Test
    void the_number_from_the_token_or_the_body_but_not_both_nor_neither() throws Exception {
        latestChangeIs(NOW);

        mvc.perform(json("/sim-swap/v2/check", "{}").header("Authorization", line(NUMBER)))
                .andExpect(status().isOk());
        mvc.perform(json("/sim-swap/v2/check", "{\"phoneNumber\":\"" + NUMBER + "\"}")
                        .header("Authorization", line(NUMBER)))
                .andExpect(camaraError(422, "UNNECESSARY_IDENTIFIER"));
        mvc.perform(json("/sim-swap/v2/retrieve-date", "{}").header("Authorization", bank()))
                .andExpect(camaraError(422, "MISSING_IDENTIFIER"));
        mvc.perform(json("/sim-swap/v2/retrieve-date", "{\"phoneNumber\":\"600123456\"}")
                        .header("Authorization", bank()))
                .andExpect(camaraError(400, "INVALID_ARGUMENT"));
    }

    @Test
    void an_unknown_number_is_404_identifier_not_found() throws Exception {
        latestChangeIs(null);

        mvc.perform(json("/sim-swap/v2/retrieve-date", "{\"phoneNumber\":\"" + NUMBER + "\"}")
                        .header("Authorization", bank()))
                .andExpect(camaraError(404, "IDENTIFIER_NOT_FOUND"));
    }

    @Test
    void max_age_out_of_range_is_400_and_nothing_is_asked() throws Exception {
        mvc.perform(json("/sim-swap/v2/check", "{\"phoneNumber\":\"" + NUMBER + "\",\"maxAge\":2401}")
                        .header("Authorization", bank()))
                .andExpect(camaraError(400, "OUT_OF_RANGE"));
        verify(queries, never()).ask(any(), any());
    }

    @Test
    void security_refusals_are_camaras_401_and_403() throws Exception {
        mvc.perform(json("/sim-swap/v2/check", "{}"))
                .andExpect(camaraError(401, "UNAUTHENTICATED"))
                .andExpect(header().string("WWW-Authenticate", "Bearer"));
        mvc.perform(json("/sim-swap/v2/check", "{}").header("Authorization", bank(Scopes.SIM_SWAP_RETRIEVE_DATE)))
                .andExpect(camaraError(403, "PERMISSION_DENIED"))
                .andExpect(jsonPath("$.message").value("This call needs the scope 'sim-swap:check' or 'sim-swap'."));
        mvc.perform(json("/sim-swap/v2/retrieve-date", "{}").header("Authorization", bank(Scopes.READ)))
                .andExpect(camaraError(403, "PERMISSION_DENIED"));
    }

    @Test
    void an_x_correlator_off_the_pattern_is_400_before_anything_else() throws Exception {
        mvc.perform(json("/sim-swap/v2/check", "{}").header("x-correlator", "no spaces"))
                .andExpect(camaraError(400, "INVALID_ARGUMENT"))
                .andExpect(header().string("x-correlator", org.hamcrest.Matchers.not("no spaces")));
    }

    @Test
    void the_family_answers_a_wrong_method_an_unknown_path_and_a_transient_failure_in_its_body() throws Exception {
        mvc.perform(get("/sim-swap/v2/check").header("Authorization", bank()))
                .andExpect(camaraError(405, "METHOD_NOT_ALLOWED"));
        mvc.perform(json("/sim-swap/v2/nothing", "{}").header("Authorization", bank()))
                .andExpect(camaraError(404, "NOT_FOUND"));
        given(queries.ask(any(), any())).willThrow(new CannotCreateTransactionException("no connection"));
        mvc.perform(json("/sim-swap/v2/check", "{\"phoneNumber\":\"" + NUMBER + "\"}")
                        .header("Authorization", bank()))
                .andExpect(camaraError(503, "UNAVAILABLE"));
    }
}
