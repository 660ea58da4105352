package com.subscriptiondevices.platform.web;

import com.subscriptiondevices.api.error.ErrorCode;

/**
 * The code a CAMARA {@code ErrorInfo} carries for each of our error codes: the SIM swap API's own codes
 * as they are, every other by its status, as CAMARA's common catalogue names them ({@code 400
 * INVALID_ARGUMENT}, {@code 401 UNAUTHENTICATED}, {@code 403 PERMISSION_DENIED}, ...).
 */
public final class CamaraCodes {

    private CamaraCodes() {}

    public static String of(ErrorCode code) {
        return switch (code) {
            case IDENTIFIER_NOT_FOUND, MISSING_IDENTIFIER, UNNECESSARY_IDENTIFIER, OUT_OF_RANGE -> code.name();
            default -> ofStatus(ErrorStatuses.of(code).value());
        };
    }

    static String ofStatus(int status) {
        return switch (status) {
            case 400 -> "INVALID_ARGUMENT";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 406 -> "NOT_ACCEPTABLE";
            case 409 -> "CONFLICT";
            case 412 -> "FAILED_PRECONDITION";
            case 413 -> "CONTENT_TOO_LARGE";
            case 415 -> "UNSUPPORTED_MEDIA_TYPE";
            case 503 -> "UNAVAILABLE";
            case 504 -> "TIMEOUT";
            default -> status >= 500 ? "INTERNAL" : "INVALID_ARGUMENT";
        };
    }
}
