package com.subscriptiondevices.query.audit;

import com.subscriptiondevices.api.error.DomainException;
import com.subscriptiondevices.api.error.ErrorCode;
import com.subscriptiondevices.platform.security.Callers;
import com.subscriptiondevices.platform.security.Scopes;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The {@code as_of} parameter of the device reads: who may use it, and what it may say. */
public final class AsOf {

    /** For the API docs. */
    public static final String MEANING = "Time travel: the device as it was at this instant (ISO-8601 with a zone,"
            + " e.g. 2026-11-23T10:00:00Z or 2026-11-23T11:00:00+01:00), rebuilt by replaying the subscription's"
            + " events up to and including it. Needs the devices:audit scope. 404 when the device did not exist"
            + " yet at that instant.";

    private AsOf() {}

    /**
     * The instant a caller with {@code devices:audit} asks for. The scope is checked first, so a caller
     * who may not travel in time learns nothing from the value.
     */
    public static Instant parse(String text) {
        if (!Callers.currentHasScope(Scopes.AUDIT)) {
            throw new DomainException(ErrorCode.MISSING_PERMISSIONS, "as_of needs the scope '" + Scopes.AUDIT + "'.");
        }
        // A '+' that was not URL-encoded arrives as a space: 10:00:00 01:00 means 10:00:00+01:00.
        String value = text == null ? "" : text.trim().replace(' ', '+');
        try {
            return DateTimeFormatter.ISO_DATE_TIME.parse(value, Instant::from);
        } catch (DateTimeParseException notAnInstant) {
            throw new DomainException(
                    ErrorCode.INVALID_PARAMETER,
                    "as_of '" + text + "' is not an ISO-8601 date-time with a zone (e.g. 2026-11-23T10:00:00Z).");
        }
    }
}
