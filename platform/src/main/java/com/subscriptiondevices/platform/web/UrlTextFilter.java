package com.subscriptiondevices.platform.web;

import com.subscriptiondevices.api.error.ErrorCode;
import com.subscriptiondevices.platform.validation.StorableText;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The URL's text, checked once for every endpoint before anything reads it: every query name and
 * value percent-decodes to UTF-8 that a read model could store ({@link StorableText}), and the path's
 * org fits its column. Tomcat answers a malformed percent-encoding in the query with an exception
 * only when a parameter is first read (by then deep inside a handler), and decodes NUL happily; the
 * path's own encoding Tomcat checks itself ({@link ContainerErrorReports}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class UrlTextFilter extends OncePerRequestFilter {

    /** {@code org varchar(100)} in the subscription read models. */
    static final int MAX_ORG = 100;

    static final int MAX_QUERY_PARAMETERS = 50;

    private final ErrorBodies errors;

    UrlTextFilter(ErrorBodies errors) {
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> problem = queryProblem(request.getQueryString()).or(() -> pathProblem(request));
        if (problem.isPresent()) {
            errors.write(request, response, ErrorCode.INVALID_PARAMETER, List.of(problem.get()));
            return;
        }
        chain.doFilter(request, response);
    }

    static Optional<String> queryProblem(String query) {
        if (query == null || query.isEmpty()) {
            return Optional.empty();
        }
        String[] pairs = query.split("&", -1);
        if (pairs.length > MAX_QUERY_PARAMETERS) {
            return Optional.of("The query has more than " + MAX_QUERY_PARAMETERS + " parameters.");
        }
        for (String pair : pairs) {
            int equals = pair.indexOf('=');
            String rawName = equals < 0 ? pair : pair.substring(0, equals);
            if (rawName.isEmpty() && !pair.isEmpty()) {
                return Optional.of("A query parameter has no name (" + ApiText.echo(pair) + ").");
            }
            Optional<String> name = decoded(rawName);
            if (name.isEmpty()) {
                return Optional.of("The query parameter '" + ApiText.echo(rawName)
                        + "' is not percent-encoded UTF-8 (%XX with two hex digits each).");
            }
            String label = "The query parameter '" + ApiText.echo(name.get()) + "'";
            Optional<String> nameProblem = StorableText.problem(name.get());
            if (nameProblem.isPresent()) {
                return Optional.of(label + " " + nameProblem.get() + ".");
            }
            if (equals >= 0) {
                Optional<String> value = decoded(pair.substring(equals + 1));
                if (value.isEmpty()) {
                    return Optional.of(label + " is not percent-encoded UTF-8 (%XX with two hex digits each).");
                }
                Optional<String> valueProblem = StorableText.problem(value.get());
                if (valueProblem.isPresent()) {
                    return Optional.of(label + " " + valueProblem.get() + ".");
                }
            }
        }
        return Optional.empty();
    }

    /** A form-encoded query component decoded strictly: a bad escape or bad UTF-8 is empty, not replaced. */
    private static Optional<String> decoded(String component) {
        if (component.indexOf('%') < 0 && component.indexOf('+') < 0) {
            return Optional.of(component);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(component.length());
        for (int i = 0; i < component.length(); i++) {
            char c = component.charAt(i);
            if (c == '%') {
                int high = i + 2 < component.length() ? Character.digit(component.charAt(i + 1), 16) : -1;
                int low = high >= 0 ? Character.digit(component.charAt(i + 2), 16) : -1;
                if (low < 0) {
                    return Optional.empty();
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else if (c == '+') {
                bytes.write(' ');
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        try {
            return Optional.of(StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString());
        } catch (CharacterCodingException malformed) {
            return Optional.empty();
        }
    }

    /** The decoded path: storable, and an org ({@code /v1/orgs/{org}/...}, {@code /v2/orgs/{org}/...}) that fits. */
    static Optional<String> pathProblem(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        Optional<String> problem = StorableText.problem(path);
        if (problem.isPresent()) {
            return Optional.of("The path " + problem.get() + ".");
        }
        if (path.startsWith("/v1/orgs/") || path.startsWith("/v2/orgs/")) {
            int start = "/v2/orgs/".length();
            int end = path.indexOf('/', start);
            String org = end < 0 ? path.substring(start) : path.substring(start, end);
            if (org.length() > MAX_ORG) {
                String name = path.startsWith("/v1/") ? "org_id" : "org";
                return Optional.of(name + " must be at most " + MAX_ORG + " characters.");
            }
        }
        return Optional.empty();
    }
}
