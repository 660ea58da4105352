package com.subscriptiondevices.platform.web;

import com.subscriptiondevices.api.error.ErrorCode;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page, for failures that never reached a controller (a request the
 * security firewall refused, an exception in a filter). Answers in the family's body, never with a
 * stack trace, whatever the request's {@code Accept} says.
 */
@Hidden
@RestController
class ApiErrorController implements ErrorController {

    private final ErrorBodies errors;

    ApiErrorController(ErrorBodies errors) {
        this.errors = errors;
    }

    @RequestMapping(path = "/error")
    ResponseEntity<Object> error(HttpServletRequest request, HttpServletResponse response) {
        Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        String uri = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        ApiProblem problem = failure instanceof Throwable throwable
                ? ApiExceptionHandler.classify(throwable)
                : byStatus(status instanceof Integer code ? code : 500);
        ApiFamily family = ApiFamily.of(uri);
        ResponseEntity.BodyBuilder answer =
                ResponseEntity.status(ErrorStatuses.of(problem.code())).contentType(MediaType.APPLICATION_JSON);
        if (family == ApiFamily.CAMARA && !response.containsHeader(RequestIdFilter.CORRELATOR)) {
            answer.header(
                    RequestIdFilter.CORRELATOR,
                    RequestIdFilter.correlatorFor(request.getHeader(RequestIdFilter.CORRELATOR)));
        }
        return answer.body(errors.body(family, problem));
    }

    private static ApiProblem byStatus(int status) {
        ErrorCode code = ErrorStatuses.codeFor(status);
        return switch (code) {
            case INVALID_BODY ->
                ApiProblem.of(
                        code,
                        "The request could not be handled: check its path, query and headers for characters"
                                + " that do not belong there.");
            case INTERNAL_ERROR -> ApiExceptionHandler.classify(new IllegalStateException("status " + status));
            default -> new ApiProblem(code, List.of());
        };
    }
}
