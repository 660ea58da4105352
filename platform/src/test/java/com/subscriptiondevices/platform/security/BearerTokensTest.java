package com.subscriptiondevices.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

class BearerTokensTest {

    private final BearerTokenResolver ours = new BearerTokens();
    private final BearerTokenResolver springs = new DefaultBearerTokenResolver();

    @Test
    void takesTheTokenOfAWellFormedHeaderInAnyCaseOfTheScheme() {
        assertThat(ours.resolve(request("Bearer eyJh.eyJz.c2ln-_~+/=="))).isEqualTo("eyJh.eyJz.c2ln-_~+/==");
        assertThat(ours.resolve(request("bEARER abc"))).isEqualTo("abc");
    }

    @Test
    void leavesEverythingElseToSpringsResolver() {
        assertThat(ours.resolve(request(null))).isNull();
        assertThat(ours.resolve(request("Basic dXNlcjpwYXNz"))).isNull();
        assertThat(outcome(ours, "Bearer ")).isEqualTo("refused: Bearer token is malformed");
        assertThat(outcome(ours, "Bearer a b")).isEqualTo("refused: Bearer token is malformed");
        assertThat(outcome(ours, "Bearer ab=c")).isEqualTo("refused: Bearer token is malformed");
        assertThat(outcome(ours, "Bearer  abc")).isEqualTo("refused: Bearer token is malformed");
    }

    @Test
    void agreesWithSpringsResolverOnEveryHeaderTried() {
        String alphabet = "aZ09-._~+/= \t\n\u00e9\u212aBbEeRr";
        Random random = new Random(42);
        List<String> headers =
                new ArrayList<>(List.of("Bearer", "Bearer=", "Bearer abc\n", "bearer\tabc", "Bearerabc"));
        for (int n = 0; n < 50_000; n++) {
            StringBuilder header = new StringBuilder(random.nextBoolean() ? "Bearer " : "bearer");
            int length = random.nextInt(8);
            for (int i = 0; i < length; i++) {
                header.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            headers.add(header.toString());
        }
        List<String> disagreements = new ArrayList<>();
        for (String header : headers) {
            if (!Objects.equals(outcome(ours, header), outcome(springs, header))) {
                disagreements.add(header);
            }
        }

        assertThat(disagreements).isEmpty();
    }

    private static String outcome(BearerTokenResolver resolver, String header) {
        String[] token = new String[1];
        Throwable refusal = catchThrowable(() -> token[0] = resolver.resolve(request(header)));
        return refusal == null ? "token: " + token[0] : "refused: " + refusal.getMessage();
    }

    private static MockHttpServletRequest request(String authorization) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/v2/orgs/yoigo/devices");
        if (authorization != null) {
            request.addHeader("Authorization", authorization);
        }
        return request;
    }
}
