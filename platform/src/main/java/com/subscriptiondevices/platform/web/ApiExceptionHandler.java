package com.subscriptiondevices.platform.web;

import com.subscriptiondevices.api.error.DomainException;
import com.subscriptiondevices.api.error.ErrorCode;
import com.subscriptiondevices.platform.data.TransientFailures;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingPathVariableException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every failure of a controller into its error code and the family's body: a clear 4xx for a
 * client mistake, 503 for a database that failed transiently (worth retrying), and a 500 without
 * internals (but with the request id) for anything else. Spring MVC's own exceptions arrive through
 * {@link ResponseEntityExceptionHandler}, which knows them all; {@link #handleExceptionInternal}
 * gives them the same body as ours.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    /** Constraint annotations that have an error code of their own; every other one is INVALID_BODY. */
    private static final Map<String, ErrorCode> CONSTRAINT_CODES = Map.of(
            "Iccid", ErrorCode.INVALID_ICCID_FORMAT,
            "Imsi", ErrorCode.INVALID_IMSI_FORMAT,
            "Imei", ErrorCode.INVALID_IMEI_FORMAT,
            "MacAddress", ErrorCode.INVALID_MAC_ADDRESS_FORMAT,
            "Msisdn", ErrorCode.INVALID_MSISDN_FORMAT,
            "SecretCode", ErrorCode.INVALID_SECRET_CODE_FORMAT);

    private final ErrorBodies errors;

    ApiExceptionHandler(ErrorBodies errors) {
        this.errors = errors;
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handle(Exception failure, HttpServletRequest request) {
        return answer(failure, request);
    }

    /** Spring MVC's exceptions, mapped by the base class: answered like every other failure, keeping the
     * headers Spring chose for them ({@code Allow} on 405, {@code Accept} on 415). */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception failure, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (!(request instanceof ServletWebRequest servlet)
                || (servlet.getResponse() != null && servlet.getResponse().isCommitted())) {
            return null;
        }
        ResponseEntity<Object> answer = answer(failure, servlet.getRequest());
        HttpHeaders merged = new HttpHeaders();
        merged.addAll(headers);
        merged.setContentType(MediaType.APPLICATION_JSON);
        return ResponseEntity.status(answer.getStatusCode()).headers(merged).body(answer.getBody());
    }

    /** As the base class, without its warning per request: a wrong method is the client's mistake. */
    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(
            HttpRequestMethodNotSupportedException failure,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        return handleExceptionInternal(failure, null, headers, status, request);
    }

    private ResponseEntity<Object> answer(Exception failure, HttpServletRequest request) {
        ApiProblem problem = classify(failure);
        if (problem.code() == ErrorCode.INTERNAL_ERROR) {
            log.error("Unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), failure);
        } else if (problem.code() == ErrorCode.SERVICE_UNAVAILABLE) {
            log.warn(
                    "{} {} answered 503: the database failed transiently: {}",
                    request.getMethod(),
                    request.getRequestURI(),
                    failure.toString());
        } else {
            log.debug(
                    "{} on {} {}: {}", problem.code(), request.getMethod(), request.getRequestURI(), problem.details());
        }
        return errors.response(request, problem);
    }

    /** What a failure means for the caller. Public so the error page can reuse it for failures outside controllers. */
    public static ApiProblem classify(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DomainException domain) {
                return ApiProblem.of(domain.code(), domain.getMessage());
            }
            if (cause instanceof PayloadTooLargeException tooLarge) {
                return ApiProblem.of(ErrorCode.PAYLOAD_TOO_LARGE, tooLarge.getMessage());
            }
            if (cause instanceof MalformedBodyException malformed) {
                return ApiProblem.of(ErrorCode.INVALID_BODY, malformed.getMessage());
            }
            if (cause instanceof InvalidParameterException) {
                // Tomcat parses the query when a parameter is first read; UrlTextFilter refuses what it
                // knows to fail before that, this is the rest
                return ApiProblem.of(ErrorCode.INVALID_PARAMETER, "The query string is malformed.");
            }
            if (cause instanceof AggregateNotFoundException) {
                return ApiProblem.of(ErrorCode.SUBSCRIPTION_NOT_FOUND, "No such subscription in this organization.");
            }
            if (cause instanceof AggregateStreamCreationException) {
                return ApiProblem.of(
                        ErrorCode.SUBSCRIPTION_ALREADY_EXISTS, "A subscription with this id exists already.");
            }
            if (cause instanceof ConcurrencyException) {
                return ApiProblem.of(
                        ErrorCode.CONCURRENT_MODIFICATION,
                        "The subscription kept changing while this request was applied; try again.");
            }
        }
        if (TransientFailures.isTransient(failure)) {
            return ApiProblem.of(
                    ErrorCode.SERVICE_UNAVAILABLE,
                    "The database is unavailable for a moment; nothing was changed. Try again shortly.");
        }
        if (failure instanceof MethodArgumentNotValidException invalid) {
            return fieldProblems(invalid.getBindingResult().getFieldErrors());
        }
        if (failure instanceof HandlerMethodValidationException invalid) {
            List<String> details = invalid.getAllErrors().stream()
                    .map(error -> error.getDefaultMessage())
                    .toList();
            return new ApiProblem(ErrorCode.INVALID_PARAMETER, details);
        }
        if (failure instanceof ConstraintViolationException invalid) {
            return new ApiProblem(
                    ErrorCode.INVALID_PARAMETER,
                    invalid.getConstraintViolations().stream()
                            .map(v -> JsonNames.snakeCase(v.getPropertyPath().toString()) + ": " + v.getMessage())
                            .toList());
        }
        if (failure instanceof HttpMessageNotReadableException unreadable) {
            return ApiProblem.of(ErrorCode.INVALID_BODY, JsonProblems.describe(unreadable));
        }
        if (failure instanceof MissingServletRequestParameterException missing) {
            return ApiProblem.of(
                    ErrorCode.INVALID_PARAMETER,
                    "The query parameter '" + missing.getParameterName() + "' is required.");
        }
        if (failure instanceof MissingRequestHeaderException missing) {
            return ApiProblem.of(
                    ErrorCode.INVALID_PARAMETER, "The header '" + missing.getHeaderName() + "' is required.");
        }
        if (failure instanceof MissingPathVariableException missing && missing.isMissingAfterConversion()) {
            return ApiProblem.of(
                    ErrorCode.INVALID_PARAMETER,
                    "The path parameter '" + missing.getVariableName() + "' is blank; give "
                            + JsonProblems.expected(missing.getParameter().getParameterType()) + ".");
        }
        if (failure instanceof MethodArgumentTypeMismatchException mismatch) {
            return ApiProblem.of(
                    ErrorCode.INVALID_PARAMETER,
                    "'" + mismatch.getName() + "' has the value '" + ApiText.echo(mismatch.getValue())
                            + "', which is not " + JsonProblems.expected(mismatch.getRequiredType()) + ".");
        }
        if (failure instanceof HttpRequestMethodNotSupportedException method) {
            return ApiProblem.of(
                    ErrorCode.METHOD_NOT_ALLOWED,
                    "The method " + ApiText.echo(method.getMethod()) + " is not allowed here.");
        }
        if (failure instanceof HttpMediaTypeNotSupportedException mediaType) {
            return ApiProblem.of(
                    ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "The content type "
                            + (mediaType.getContentType() == null ? "given" : ApiText.echo(mediaType.getContentType()))
                            + " is not supported; use " + mediaType.getSupportedMediaTypes() + ".");
        }
        if (failure instanceof HttpMediaTypeNotAcceptableException) {
            return ApiProblem.of(ErrorCode.NOT_ACCEPTABLE, "This resource answers in application/json only.");
        }
        if (failure instanceof NoResourceFoundException || failure instanceof NoHandlerFoundException) {
            return ApiProblem.of(ErrorCode.NOT_FOUND, "There is no resource at this path.");
        }
        if (failure instanceof AccessDeniedException) {
            return ApiProblem.of(ErrorCode.MISSING_PERMISSIONS, "This call is not allowed.");
        }
        return ApiProblem.of(
                ErrorCode.INTERNAL_ERROR,
                "Unexpected error; quote the request id "
                        + RequestIdFilter.current().orElse("(none)") + ".");
    }

    static ApiProblem fieldProblems(List<FieldError> fieldErrors) {
        return problemOf(fieldErrors.stream()
                .map(error -> new Invalid(error.getCode(), error.getField(), error.getDefaultMessage()))
                .toList());
    }

    /** The same for violations found outside a controller (a patched representation, for example). */
    public static ApiProblem violationProblem(Collection<? extends ConstraintViolation<?>> violations) {
        return problemOf(violations.stream()
                .map(v -> new Invalid(
                        v.getConstraintDescriptor()
                                .getAnnotation()
                                .annotationType()
                                .getSimpleName(),
                        v.getPropertyPath().toString(),
                        v.getMessage()))
                .toList());
    }

    private record Invalid(String constraint, String field, String message) {}

    /**
     * One line per invalid field, each with its own code; the problem's code is theirs when they
     * agree, INVALID_BODY when they differ.
     */
    private static ApiProblem problemOf(List<Invalid> invalid) {
        List<Invalid> sorted = invalid.stream()
                .sorted(Comparator.comparing(Invalid::field).thenComparing(Invalid::message))
                .toList();
        List<ErrorCode> codes = new ArrayList<>();
        List<String> details = new ArrayList<>();
        for (Invalid error : sorted) {
            codes.add(CONSTRAINT_CODES.getOrDefault(error.constraint(), ErrorCode.INVALID_BODY));
            details.add(JsonNames.snakeCase(error.field()) + ": " + error.message());
        }
        List<ErrorCode> distinct = codes.stream().distinct().toList();
        ErrorCode code = distinct.size() == 1 ? distinct.get(0) : ErrorCode.INVALID_BODY;
        return new ApiProblem(code, details, codes);
    }
}
