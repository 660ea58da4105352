package com.subscriptiondevices.platform.web;

import com.subscriptiondevices.api.error.ErrorCode;
import com.subscriptiondevices.api.error.ErrorInfo;
import com.subscriptiondevices.api.error.ErrorMessage;
import com.subscriptiondevices.api.error.ErrorResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders an error in its API family's body. V1 lists one item per problem; V2 names every problem
 * in one message, and so does CAMARA's, with its own code ({@link CamaraCodes}) and the status. The
 * reference links to the code's entry in the error catalogue. The status is the code's
 * ({@link ErrorStatuses}).
 */
@Component
@EnableConfigurationProperties(ErrorBodyProperties.class)
public class ErrorBodies {

    private final JsonMapper json;
    private final String referenceBase;

    ErrorBodies(JsonMapper json, ErrorBodyProperties properties) {
        this.json = json;
        this.referenceBase = properties.referenceBase();
    }

    public Object body(ApiFamily family, ApiProblem problem) {
        if (family == ApiFamily.V1) {
            if (problem.details().isEmpty()) {
                return new ErrorMessage(
                        List.of(item(problem.code(), problem.code().title())));
            }
            List<ErrorMessage.Item> items = new ArrayList<>();
            for (int i = 0; i < problem.details().size(); i++) {
                items.add(item(problem.detailCodes().get(i), problem.details().get(i)));
            }
            return new ErrorMessage(items);
        }
        String message = problem.details().isEmpty() ? problem.code().title() : String.join("; ", problem.details());
        if (family == ApiFamily.CAMARA) {
            return new ErrorInfo(ErrorStatuses.of(problem.code()).value(), CamaraCodes.of(problem.code()), message);
        }
        return new ErrorResponse(new ErrorResponse.Error(problem.code().name(), message, reference(problem.code())));
    }

    /** The body as JSON text, for writers outside Spring MVC (the servlet container's error reports). */
    public String json(ApiFamily family, ApiProblem problem) {
        return json.writeValueAsString(body(family, problem));
    }

    private ErrorMessage.Item item(ErrorCode code, String detail) {
        return new ErrorMessage.Item(code.name(), code.title(), reference(code), detail);
    }

    private String reference(ErrorCode code) {
        return referenceBase + "#" + code.name();
    }

    public ResponseEntity<Object> response(HttpServletRequest request, ApiProblem problem) {
        return ResponseEntity.status(ErrorStatuses.of(problem.code()))
                .contentType(MediaType.APPLICATION_JSON)
                .body(body(ApiFamily.of(request.getRequestURI()), problem));
    }

    /** For filters and security handlers, which answer before any controller. */
    public void write(HttpServletRequest request, HttpServletResponse response, ErrorCode code, List<String> details)
            throws IOException {
        response.setStatus(ErrorStatuses.of(code).value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(
                response.getOutputStream(), body(ApiFamily.of(request.getRequestURI()), new ApiProblem(code, details)));
    }
}
