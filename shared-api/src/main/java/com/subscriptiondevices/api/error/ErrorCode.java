package com.subscriptiondevices.api.error;

/**
 * The stable error codes of the API: each names a business fact, with a short title. Codes reuse
 * masstack's catalogue where it has one. Never rename a code: clients match on them. Which HTTP
 * status a code answers with is the web edge's decision (platform's {@code ErrorStatuses}).
 */
public enum ErrorCode {
    INVALID_BODY("Invalid body"),
    INVALID_PARAMETER("Invalid parameter"),
    MISSING_QUERY_PARAMS("Missing query parameters"),
    INVALID_QUERY_PARAM("Invalid query parameter"),
    INVALID_ICCID_FORMAT("Invalid ICCID"),
    INVALID_IMSI_FORMAT("Invalid IMSI"),
    INVALID_IMEI_FORMAT("Invalid IMEI"),
    INVALID_MAC_ADDRESS_FORMAT("Invalid MAC address"),
    INVALID_SECRET_CODE_FORMAT("Invalid PIN or PUK"),
    INVALID_MSISDN_FORMAT("Invalid phone number"),
    INVALID_PATCH("Invalid patch"),
    INVALID_CALLBACK("Invalid callback"),
    USER_NAME_REQUIRED("User name required"),
    UNAUTHORIZED("Authentication required"),
    FORBIDDEN_ORGANIZATION("Organization not allowed"),
    MISSING_PERMISSIONS("Missing permissions"),
    NOT_FOUND("Not found"),
    SUBSCRIPTION_NOT_FOUND("Subscription not found"),
    DEVICE_NOT_FOUND("Device not found"),
    DEAD_LETTER_NOT_FOUND("Dead letter not found"),
    LISTENER_NOT_FOUND("Listener not found"),
    PROJECTION_NOT_FOUND("Read model not found"),
    METHOD_NOT_ALLOWED("Method not allowed"),
    NOT_ACCEPTABLE("Not acceptable"),
    SUBSCRIPTION_ALREADY_EXISTS("Subscription already exists"),
    DEVICE_ALREADY_EXISTS("Device already exists"),
    ICCID_IN_USE("ICCID in use"),
    MSISDN_IN_USE("Phone number in use"),
    CONCURRENT_MODIFICATION("Concurrent modification"),
    PENDING_CHANGE_REQUEST("Pending change request"),
    DEVICE_NOT_ACTIVE("Device not active"),
    SIM_MISMATCH("SIM mismatch"),
    CATEGORY_MISMATCH("Category mismatch"),
    REBUILD_IN_PROGRESS("Rebuild in progress"),
    IDENTIFIER_NOT_FOUND("Phone number not found"),
    MISSING_IDENTIFIER("Phone number missing"),
    UNNECESSARY_IDENTIFIER("Phone number given twice"),
    OUT_OF_RANGE("Out of range"),
    STALE_VERSION("Stale version"),
    PAYLOAD_TOO_LARGE("Payload too large"),
    UNSUPPORTED_MEDIA_TYPE("Unsupported media type"),
    INTERNAL_ERROR("Internal error"),
    SERVICE_UNAVAILABLE("Service unavailable");

    private final String title;

    ErrorCode(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
