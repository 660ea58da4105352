package com.subscriptiondevices.api.error;

/** The V2 and extensions error body: {@code {"error":{"code","message","reference"}}}. */
public record ErrorResponse(Error error) {

    public record Error(String code, String message, String reference) {}
}
