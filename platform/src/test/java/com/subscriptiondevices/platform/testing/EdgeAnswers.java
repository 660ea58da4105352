package com.subscriptiondevices.platform.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.subscriptiondevices.platform.security.DevTokens;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.test.web.servlet.ResultMatcher;

/** What every answer of the edge must be, for slices and full-stack tests alike. */
public final class EdgeAnswers {

    /** The dev-token secret of {@link WebEdgeTest} slices. */
    public static final String SECRET = "web-edge-slice-secret-0123456789abcdef";

    /** Java packages and types, exception names, SQL, stack frames: nothing of this may reach a client. */
    public static final Pattern INTERNALS = Pattern.compile(
            "\\b(?:java|javax|jakarta|com|org|net|tools|sun)\\.[a-z]|Exception|\\bSQL\\b|\\tat |`|[A-Za-z]\\$[A-Z]");

    private EdgeAnswers() {}

    /** A token of {@code org} (and only it) with these scopes, valid for ten minutes. */
    public static String token(DevTokens tokens, String org, String... scopes) {
        return "Bearer "
                + tokens.mint("user-1", "agent@shop.example", List.of(org), List.of(scopes), Duration.ofMinutes(10));
    }

    /** The V2 and /admin body, {@code {"error":{"code","message","reference"}}}, with this code. */
    public static ResultMatcher v2Error(String code) {
        return result -> {
            String body = result.getResponse().getContentAsString();
            assertThat(result.getResponse().getContentType()).startsWith("application/json");
            assertThat(body).contains("\"error\":{\"code\":\"" + code + "\",\"message\":\"");
            assertThat(body).contains("\"reference\":\"/docs/errors#" + code + "\"");
            assertThat(INTERNALS.matcher(body).find()).as(body).isFalse();
        };
    }

    /** The V1 body, {@code {"errors":[{"code","title","ref","details"}]}}, whose first item has this code. */
    public static ResultMatcher v1Error(String code) {
        return result -> {
            String body = result.getResponse().getContentAsString();
            assertThat(result.getResponse().getContentType()).startsWith("application/json");
            assertThat(body).startsWith("{\"errors\":[{\"code\":\"" + code + "\",\"title\":\"");
            assertThat(body).contains("\"ref\":\"/docs/errors#" + code + "\",\"details\":\"");
            assertThat(INTERNALS.matcher(body).find()).as(body).isFalse();
        };
    }

    /** The CAMARA body, {@code {"status","code","message"}}, with this status and code, and an x-correlator. */
    public static ResultMatcher camaraError(int status, String code) {
        return result -> {
            String body = result.getResponse().getContentAsString();
            assertThat(result.getResponse().getStatus()).as(body).isEqualTo(status);
            assertThat(result.getResponse().getContentType()).startsWith("application/json");
            assertThat(body).startsWith("{\"status\":" + status + ",\"code\":\"" + code + "\",\"message\":\"");
            assertThat(result.getResponse().getHeader("x-correlator")).isNotNull();
            assertThat(INTERNALS.matcher(body).find()).as(body).isFalse();
        };
    }
}
