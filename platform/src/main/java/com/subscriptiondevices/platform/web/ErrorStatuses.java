package com.subscriptiondevices.platform.web;

import com.subscriptiondevices.api.error.ErrorCode;
import org.springframework.http.HttpStatus;

/**
 * The HTTP status each error code answers with: the web edge's half of the error model (the codes
 * themselves name business facts and know nothing of HTTP). The switch is exhaustive, so a new code
 * does not compile until it has a status.
 */
public final class ErrorStatuses {

    private ErrorStatuses() {}

    public static HttpStatus of(ErrorCode code) {
        return switch (code) {
            case INVALID_BODY,
                    INVALID_PARAMETER,
                    MISSING_QUERY_PARAMS,
                    INVALID_QUERY_PARAM,
                    INVALID_ICCID_FORMAT,
                    INVALID_IMSI_FORMAT,
                    INVALID_IMEI_FORMAT,
                    INVALID_MAC_ADDRESS_FORMAT,
                    INVALID_SECRET_CODE_FORMAT,
                    INVALID_MSISDN_FORMAT,
                    INVALID_PATCH,
                    INVALID_CALLBACK,
                    USER_NAME_REQUIRED,
                    OUT_OF_RANGE -> HttpStatus.BAD_REQUEST;
            case UNAUTHORIZED -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN_ORGANIZATION, MISSING_PERMISSIONS -> HttpStatus.FORBIDDEN;
            case NOT_FOUND,
                    SUBSCRIPTION_NOT_FOUND,
                    DEVICE_NOT_FOUND,
                    DEAD_LETTER_NOT_FOUND,
                    LISTENER_NOT_FOUND,
                    PROJECTION_NOT_FOUND,
                    IDENTIFIER_NOT_FOUND -> HttpStatus.NOT_FOUND;
            case METHOD_NOT_ALLOWED -> HttpStatus.METHOD_NOT_ALLOWED;
            case NOT_ACCEPTABLE -> HttpStatus.NOT_ACCEPTABLE;
            case SUBSCRIPTION_ALREADY_EXISTS,
                    DEVICE_ALREADY_EXISTS,
                    ICCID_IN_USE,
                    MSISDN_IN_USE,
                    CONCURRENT_MODIFICATION,
                    PENDING_CHANGE_REQUEST,
                    DEVICE_NOT_ACTIVE,
                    SIM_MISMATCH,
                    CATEGORY_MISMATCH,
                    REBUILD_IN_PROGRESS -> HttpStatus.CONFLICT;
            case STALE_VERSION -> HttpStatus.PRECONDITION_FAILED;
            case MISSING_IDENTIFIER, UNNECESSARY_IDENTIFIER -> HttpStatus.UNPROCESSABLE_CONTENT;
            case PAYLOAD_TOO_LARGE -> HttpStatus.PAYLOAD_TOO_LARGE;
            case UNSUPPORTED_MEDIA_TYPE -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            case INTERNAL_ERROR -> HttpStatus.INTERNAL_SERVER_ERROR;
            case SERVICE_UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
    }

    /**
     * The code for a status that arrived without a cause we know (the servlet container's own
     * refusals, an error dispatch): the generic code of that status. A request the container could
     * not parse is the client's mistake whatever status the container chose for it, so 5xx other
     * than 500 and 503 (505 HTTP version not supported, 501 unknown transfer coding) count as 400.
     */
    public static ErrorCode codeFor(int status) {
        return switch (status) {
            case 401 -> ErrorCode.UNAUTHORIZED;
            case 403 -> ErrorCode.MISSING_PERMISSIONS;
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 406 -> ErrorCode.NOT_ACCEPTABLE;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case 500 -> ErrorCode.INTERNAL_ERROR;
            case 503 -> ErrorCode.SERVICE_UNAVAILABLE;
            default -> ErrorCode.INVALID_BODY;
        };
    }
}
