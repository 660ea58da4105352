package com.subscriptiondevices.platform.web;

/** Each API family keeps its own error body: V1 {@code ErrorMessage}, V2 and extensions {@code ErrorResponse}. */
public enum ApiFamily {
    V1,
    V2;

    public static ApiFamily of(String path) {
        return path != null && path.startsWith("/v1/") ? V1 : V2;
    }
}
