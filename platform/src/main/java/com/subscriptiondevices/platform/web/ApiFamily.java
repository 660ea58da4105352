package com.subscriptiondevices.platform.web;

/**
 * Each API family keeps its own error body: V1 {@code ErrorMessage}, V2 and extensions
 * {@code ErrorResponse}, and the CAMARA SIM swap API ({@code /sim-swap/...}) CAMARA's {@code ErrorInfo}
 * with its own codes and the {@code x-correlator} header.
 */
public enum ApiFamily {
    V1,
    V2,
    CAMARA;

    public static ApiFamily of(String path) {
        if (path == null) {
            return V2;
        }
        if (path.startsWith("/v1/")) {
            return V1;
        }
        return path.startsWith("/sim-swap/") || path.equals("/sim-swap") ? CAMARA : V2;
    }
}
