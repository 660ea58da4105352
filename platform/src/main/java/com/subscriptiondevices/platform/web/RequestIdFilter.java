package com.subscriptiondevices.platform.web;

import com.subscriptiondevices.api.error.ErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every request has a correlation id: the caller's {@code X-Request-Id} when it is a sane token,
 * otherwise a new UUID. It is echoed on the response, written in every log line of the request, and
 * stored in the metadata of every event the request causes. The CAMARA family ({@code /sim-swap/...})
 * names it {@code x-correlator}, with CAMARA's pattern: a caller's that matches it is the request's id
 * and is echoed as given; one that does not is a 400 (answered with a new id).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIdFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-Request-Id";
    public static final String CORRELATOR = "x-correlator";
    public static final String MDC_KEY = "requestId";

    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");

    /** CAMARA's {@code XCorrelator}: {@code ^[a-zA-Z0-9-_:;.\/<>{}]{0,256}$}. */
    public static final Pattern CORRELATOR_PATTERN = Pattern.compile("[a-zA-Z0-9\\-_:;./<>{}]{0,256}");

    private final ErrorBodies errors;

    RequestIdFilter(ErrorBodies errors) {
        this.errors = errors;
    }

    public static Optional<String> current() {
        return Optional.ofNullable(MDC.get(MDC_KEY));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String given = request.getHeader(HEADER);
        String requestId = given != null && SANE.matcher(given).matches()
                ? given
                : UUID.randomUUID().toString();
        boolean camara = ApiFamily.of(request.getRequestURI()) == ApiFamily.CAMARA;
        String correlator = camara ? request.getHeader(CORRELATOR) : null;
        boolean badCorrelator =
                correlator != null && !CORRELATOR_PATTERN.matcher(correlator).matches();
        if (camara) {
            if (correlator != null && !correlator.isEmpty() && !badCorrelator) {
                requestId = correlator;
            }
            // an empty one is valid and echoed as it came; the logs and events get an id of their own
            response.setHeader(CORRELATOR, correlator != null && !badCorrelator ? correlator : requestId);
        } else {
            response.setHeader(HEADER, requestId);
        }
        MDC.put(MDC_KEY, requestId);
        try {
            if (badCorrelator) {
                errors.write(
                        request,
                        response,
                        ErrorCode.INVALID_PARAMETER,
                        List.of("The header x-correlator must be at most 256 of a-z A-Z 0-9 - _ : ; . / < > { }."));
                return;
            }
            chain.doFilter(request, response);
        } finally {
            MDC.remove(MDC_KEY);
        }
    }

    /** The x-correlator a CAMARA answer carries when no filter set one: the caller's if valid, else a new one. */
    public static String correlatorFor(String given) {
        return given != null && CORRELATOR_PATTERN.matcher(given).matches()
                ? given
                : UUID.randomUUID().toString();
    }
}
