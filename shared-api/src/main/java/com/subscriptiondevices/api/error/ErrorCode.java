package com.subscriptiondevices.api.error;

/**
 * The stable error codes of the API, with the HTTP status each one means. Codes reuse masstack's
 * catalogue where it has one. Never rename a code: clients match on them.
 */
public enum ErrorCode {
    INVALID_BODY(400, "Invalid body"),
    INVALID_PARAMETER(400, "Invalid parameter"),
    MISSING_QUERY_PARAMS(400, "Missing query parameters"),
    INVALID_ICCID_FORMAT(400, "Invalid ICCID"),
    INVALID_IMSI_FORMAT(400, "Invalid IMSI"),
    INVALID_IMEI_FORMAT(400, "Invalid IMEI"),
    INVALID_MAC_ADDRESS_FORMAT(400, "Invalid MAC address"),
    INVALID_SECRET_CODE_FORMAT(400, "Invalid PIN or PUK"),
    INVALID_PATCH(400, "Invalid patch"),
    USER_NAME_REQUIRED(400, "User name required"),
    UNAUTHORIZED(401, "Authentication required"),
    FORBIDDEN_ORGANIZATION(403, "Organization not allowed"),
    MISSING_PERMISSIONS(403, "Missing permissions"),
    NOT_FOUND(404, "Not found"),
    SUBSCRIPTION_NOT_FOUND(404, "Subscription not found"),
    DEVICE_NOT_FOUND(404, "Device not found"),
    DEAD_LETTER_NOT_FOUND(404, "Dead letter not found"),
    PROJECTION_NOT_FOUND(404, "Read model not found"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    NOT_ACCEPTABLE(406, "Not acceptable"),
    SUBSCRIPTION_ALREADY_EXISTS(409, "Subscription already exists"),
    DEVICE_ALREADY_EXISTS(409, "Device already exists"),
    ICCID_IN_USE(409, "ICCID in use"),
    CONCURRENT_MODIFICATION(409, "Concurrent modification"),
    PENDING_CHANGE_REQUEST(409, "Pending change request"),
    DEVICE_NOT_ACTIVE(409, "Device not active"),
    SIM_MISMATCH(409, "SIM mismatch"),
    CATEGORY_MISMATCH(409, "Category mismatch"),
    REBUILD_IN_PROGRESS(409, "Rebuild in progress"),
    STALE_VERSION(412, "Stale version"),
    PAYLOAD_TOO_LARGE(413, "Payload too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    INTERNAL_ERROR(500, "Internal error"),
    SERVICE_UNAVAILABLE(503, "Service unavailable");

    private final int httpStatus;
    private final String title;

    ErrorCode(int httpStatus, String title) {
        this.httpStatus = httpStatus;
        this.title = title;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String title() {
        return title;
    }
}
