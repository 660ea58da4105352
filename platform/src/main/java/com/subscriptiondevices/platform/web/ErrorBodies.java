package com.subscriptiondevices.platform.web;

import com.subscriptiondevices.api.error.ErrorCode;
import com.subscriptiondevices.api.error.ErrorMessage;
import com.subscriptiondevices.api.error.ErrorResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders an error in its API family's body. V1 lists one item per problem; V2 names every problem
 * in one message. The reference links to the code's entry in the error catalogue.
 */
@Component
public class ErrorBodies {

    private final JsonMapper json;
    private final String referenceBase;

    ErrorBodies(JsonMapper json, @Value("${devices.errors.reference-base:/docs/errors}") String referenceBase) {
        this.json = json;
        this.referenceBase = referenceBase;
    }

    public Object body(ApiFamily family, ErrorCode code, List<String> details) {
        List<String> problems = details.isEmpty() ? List.of(code.title()) : details;
        String reference = referenceBase + "#" + code.name();
        if (family == ApiFamily.V1) {
            return new ErrorMessage(problems.stream()
                    .map(detail -> new ErrorMessage.Item(code.name(), code.title(), reference, detail))
                    .toList());
        }
        return new ErrorResponse(new ErrorResponse.Error(code.name(), String.join("; ", problems), reference));
    }

    public ResponseEntity<Object> response(HttpServletRequest request, ErrorCode code, List<String> details) {
        return ResponseEntity.status(code.httpStatus())
                .contentType(MediaType.APPLICATION_JSON)
                .body(body(ApiFamily.of(request.getRequestURI()), code, details));
    }

    /** For filters and security handlers, which answer before any controller. */
    public void write(HttpServletRequest request, HttpServletResponse response, ErrorCode code, List<String> details)
            throws IOException {
        response.setStatus(code.httpStatus());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), body(ApiFamily.of(request.getRequestURI()), code, details));
    }
}
