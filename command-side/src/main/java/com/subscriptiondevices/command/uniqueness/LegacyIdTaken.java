package com.subscriptiondevices.command.uniqueness;

import com.subscriptiondevices.api.error.DomainException;
import com.subscriptiondevices.api.error.ErrorCode;

/**
 * A legacy id is taken already. When the client chose it, that is its 409; when the service handed it
 * out (a client had taken it by hand), the service hands out another and tries again.
 */
public class LegacyIdTaken extends DomainException {

    public LegacyIdTaken(ErrorCode code, String message) {
        super(code, message);
    }
}
