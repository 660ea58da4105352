package com.subscriptiondevices.platform.web;

import com.subscriptiondevices.api.error.DomainException;
import com.subscriptiondevices.api.error.ErrorCode;
import com.subscriptiondevices.platform.data.TransientFailures;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every failure of a controller into its error code and the family's body: a clear 4xx for a
 * client mistake, a 500 without internals (but with the request id) for anything else.
 */
@RestControllerAdvice
public class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    /** Constraint annotations that have an error code of their own; every other one is INVALID_BODY. */
    private static final Map<String, ErrorCode> CONSTRAINT_CODES = Map.of(
            "Iccid", ErrorCode.INVALID_ICCID_FORMAT,
            "Imsi", ErrorCode.INVALID_IMSI_FORMAT,
            "Imei", ErrorCode.INVALID_IMEI_FORMAT,
            "MacAddress", ErrorCode.INVALID_MAC_ADDRESS_FORMAT,
            "SecretCode", ErrorCode.INVALID_SECRET_CODE_FORMAT);

    private final ErrorBodies errors;

    ApiExceptionHandler(ErrorBodies errors) {
        this.errors = errors;
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handle(Exception failure, HttpServletRequest request) {
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
        if (TransientFailures.isTransient(failure)) {
            return ApiProblem.of(
                    ErrorCode.SERVICE_UNAVAILABLE,
                    "The service cannot reach its database right now; nothing was stored. Try again shortly.");
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DomainException domain) {
                return ApiProblem.of(domain.code(), domain.getMessage());
            }
            if (cause instanceof PayloadTooLargeException tooLarge) {
                return ApiProblem.of(ErrorCode.PAYLOAD_TOO_LARGE, tooLarge.getMessage());
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
                            .map(v -> v.getPropertyPath() + ": " + v.getMessage())
                            .toList());
        }
        if (failure instanceof HttpMessageNotReadableException unreadable) {
            return ApiProblem.of(ErrorCode.INVALID_BODY, unreadableBody(unreadable));
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
        if (failure instanceof MethodArgumentTypeMismatchException mismatch) {
            String expected = mismatch.getRequiredType() == null
                    ? "another value"
                    : mismatch.getRequiredType().getSimpleName();
            return ApiProblem.of(
                    ErrorCode.INVALID_PARAMETER,
                    "'" + mismatch.getName() + "' has the value '" + mismatch.getValue() + "', which is not a valid "
                            + expected + ".");
        }
        if (failure instanceof HttpRequestMethodNotSupportedException method) {
            return ApiProblem.of(
                    ErrorCode.METHOD_NOT_ALLOWED, "The method " + method.getMethod() + " is not allowed here.");
        }
        if (failure instanceof HttpMediaTypeNotSupportedException mediaType) {
            return ApiProblem.of(
                    ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "The content type " + mediaType.getContentType() + " is not supported; use "
                            + mediaType.getSupportedMediaTypes() + ".");
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
                .sorted(java.util.Comparator.comparing(Invalid::field).thenComparing(Invalid::message))
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

    private static String unreadableBody(HttpMessageNotReadableException unreadable) {
        for (Throwable cause = unreadable; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnrecognizedPropertyException unknown) {
                return "Unknown field '" + path(unknown) + "'.";
            }
            if (cause instanceof InvalidFormatException invalid) {
                return "'" + path(invalid) + "' has the value '" + invalid.getValue() + "', which is not a valid "
                        + describe(invalid.getTargetType()) + ".";
            }
            if (cause instanceof DatabindException databind
                    && !databind.getPath().isEmpty()) {
                return "'" + path(databind) + "' does not have the expected type ("
                        + firstLine(databind.getOriginalMessage()) + ").";
            }
            if (cause instanceof StreamReadException) {
                return "The body is not well-formed JSON.";
            }
            if (cause instanceof JacksonException jackson) {
                return "The body could not be read: " + firstLine(jackson.getOriginalMessage());
            }
        }
        return "The body is missing or cannot be read as JSON.";
    }

    private static String path(DatabindException failure) {
        StringBuilder path = new StringBuilder();
        for (var reference : failure.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (type.isEnum()) {
            return "value (one of " + java.util.Arrays.toString(type.getEnumConstants()) + ")";
        }
        if (type == java.time.Instant.class) {
            return "ISO-8601 date-time with a zone, e.g. 2024-05-01T10:00:00Z";
        }
        if (type == java.util.UUID.class) {
            return "UUID";
        }
        return type.getSimpleName();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
