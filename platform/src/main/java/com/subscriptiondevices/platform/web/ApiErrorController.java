package com.subscriptiondevices.platform.web;

import com.subscriptiondevices.api.error.ErrorCode;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page, for failures that never reached a controller. Answers in the
 * family's body, never with a stack trace.
 */
@Hidden
@RestController
class ApiErrorController implements ErrorController {

    private final ErrorBodies errors;

    ApiErrorController(ErrorBodies errors) {
        this.errors = errors;
    }

    @RequestMapping(path = "/error", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> error(HttpServletRequest request) {
        Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        String uri = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        ApiProblem problem = failure instanceof Throwable throwable
                ? ApiExceptionHandler.classify(throwable)
                : byStatus(status instanceof Integer code ? code : 500);
        return ResponseEntity.status(problem.code().httpStatus())
                .contentType(MediaType.APPLICATION_JSON)
                .body(errors.body(ApiFamily.of(uri), problem));
    }

    private static ApiProblem byStatus(int status) {
        for (ErrorCode code : List.of(
                ErrorCode.NOT_FOUND,
                ErrorCode.METHOD_NOT_ALLOWED,
                ErrorCode.NOT_ACCEPTABLE,
                ErrorCode.PAYLOAD_TOO_LARGE,
                ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                ErrorCode.UNAUTHORIZED)) {
            if (code.httpStatus() == status) {
                return new ApiProblem(code, List.of());
            }
        }
        return status >= 400 && status < 500
                ? new ApiProblem(ErrorCode.INVALID_BODY, List.of("The request could not be handled."))
                : ApiExceptionHandler.classify(new IllegalStateException("status " + status));
    }
}
