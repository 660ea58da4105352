package com.subscriptiondevices.api.error;

/**
 * The SIM swap family's error body, CAMARA's {@code ErrorInfo}: {@code {"status","code","message"}},
 * with the HTTP status repeated and a code of CAMARA's catalogue ({@code INVALID_ARGUMENT},
 * {@code IDENTIFIER_NOT_FOUND}, ...).
 */
public record ErrorInfo(int status, String code, String message) {}
