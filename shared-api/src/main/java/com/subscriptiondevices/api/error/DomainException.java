package com.subscriptiondevices.api.error;

import java.util.Objects;
import org.axonframework.common.AxonNonTransientException;

/**
 * A rule said no. Carries the error code the API turns into a status and body. Non-transient: a
 * command that fails with it is never retried.
 */
public class DomainException extends AxonNonTransientException {

    private final ErrorCode code;

    public DomainException(ErrorCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code);
    }

    public ErrorCode code() {
        return code;
    }
}
