package com.subscriptiondevices.it;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every answer {@link Api} receives, checked against the committed OpenAPI document
 * ({@code docs/openapi.json}, which {@link OpenApiDocumentIT} keeps equal to what the service
 * generates) by Atlassian's swagger-request-validator: status, declared headers, content type and body
 * schema. A successful answer's request is checked too: what the service accepts, the document must
 * allow. A violation fails the calling test; {@link OpenApiContractSummary} prints the totals.
 */
final class OpenApiContract {

    /** Where the document is, from the module's folder (Maven) or the repository's root (an IDE). */
    static final Path DOCUMENT =
            Files.exists(Path.of("docs/openapi.json")) ? Path.of("docs/openapi.json") : Path.of("../docs/openapi.json");

    static final AtomicInteger ANSWERS = new AtomicInteger();
    static final AtomicInteger REQUESTS = new AtomicInteger();
    static final AtomicInteger OUTSIDE = new AtomicInteger();
    static final List<String> VIOLATIONS = Collections.synchronizedList(new ArrayList<>());

    /** Paths the document does not describe, on purpose: health, the document itself, the UI, the error catalogue. */
    private static final List<String> UNDOCUMENTED = List.of("/actuator", "/v3/api-docs", "/swagger-ui", "/docs/");

    private static final List<String> OUTSIDE_KEYS =
            List.of("validation.request.path.missing", "validation.request.operation.notAllowed");

    private static OpenApiInteractionValidator validator;

    private OpenApiContract() {}

    private static synchronized OpenApiInteractionValidator validator() {
        if (validator == null) {
            try {
                validator = OpenApiInteractionValidator.createForInlineApiSpecification(Files.readString(DOCUMENT))
                        .build();
            } catch (IOException e) {
                throw new UncheckedIOException("No OpenAPI document at " + DOCUMENT.toAbsolutePath(), e);
            }
        }
        return validator;
    }

    /** Checks one exchange; throws an {@link AssertionError} naming each violation. */
    static void check(String method, URI uri, HttpHeaders requestHeaders, String requestBody, Api.Response response) {
        Judgement judgement = judge(method, uri, requestHeaders, requestBody, response);
        if (judgement.outside()) {
            OUTSIDE.incrementAndGet();
            return;
        }
        ANSWERS.incrementAndGet();
        if (judgement.requestChecked()) {
            REQUESTS.incrementAndGet();
        }
        if (!judgement.violations().isEmpty()) {
            String violation = method + " " + uri.getRawPath()
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()) + " -> " + response.status()
                    + "\n  " + String.join("\n  ", judgement.violations());
            VIOLATIONS.add(violation);
            throw new AssertionError("The answer breaks the OpenAPI document " + DOCUMENT + ":\n" + violation
                    + "\n  body: " + abbreviated(response.body()));
        }
    }

    /** What the document says of one exchange, without counting it. */
    record Judgement(boolean outside, boolean requestChecked, List<String> violations) {}

    static Judgement judge(
            String method, URI uri, HttpHeaders requestHeaders, String requestBody, Api.Response response) {
        String path = uri.getRawPath();
        if (UNDOCUMENTED.stream().anyMatch(path::startsWith)) {
            return new Judgement(true, false, List.of());
        }
        Request.Method verb = Request.Method.valueOf(method);
        SimpleResponse.Builder answer = new SimpleResponse.Builder(response.status());
        response.headers().map().forEach(answer::withHeader);
        if (response.body() != null && !response.body().isEmpty()) {
            answer.withBody(response.body());
        }
        ValidationReport report = validator().validateResponse(path, verb, answer.build());
        if (isOutside(report)) {
            return new Judgement(true, false, List.of());
        }
        boolean success = response.status() >= 200 && response.status() < 300;
        if (success) {
            SimpleRequest.Builder request = new SimpleRequest.Builder(verb, path);
            requestHeaders.map().forEach(request::withHeader);
            query(uri).forEach(request::withQueryParam);
            if (requestBody != null && !requestBody.isEmpty()) {
                request.withBody(requestBody);
            }
            report = report.merge(validator().validateRequest(request.build()));
        }
        List<String> violations = new ArrayList<>();
        report.getMessages().stream()
                .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                .forEach(message -> violations.add(message.getKey() + ": " + message.getMessage()));
        return new Judgement(false, success, violations);
    }

    private static boolean isOutside(ValidationReport report) {
        return report.getMessages().stream().anyMatch(message -> OUTSIDE_KEYS.contains(message.getKey()));
    }

    private static Map<String, List<String>> query(URI uri) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (uri.getRawQuery() == null) {
            return parameters;
        }
        for (String pair : uri.getRawQuery().split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            parameters.computeIfAbsent(decoded(name), key -> new ArrayList<>()).add(decoded(value));
        }
        return parameters;
    }

    /** Percent-decoding only: a '+' in a URI's query is a plus (as a client means it), not a form's space. */
    private static String decoded(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String abbreviated(String body) {
        return body == null || body.length() <= 2000 ? body : body.substring(0, 2000) + "...";
    }
}
