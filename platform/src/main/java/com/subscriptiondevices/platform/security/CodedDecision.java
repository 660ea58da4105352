package com.subscriptiondevices.platform.security;

import com.subscriptiondevices.api.error.ErrorCode;
import org.springframework.security.authorization.AuthorizationDecision;

/** A refusal that knows which error code and message the 403 body must carry. */
public class CodedDecision extends AuthorizationDecision {

    private final ErrorCode code;
    private final String message;

    CodedDecision(ErrorCode code, String message) {
        super(false);
        this.code = code;
        this.message = message;
    }

    public ErrorCode code() {
        return code;
    }

    public String message() {
        return message;
    }
}
