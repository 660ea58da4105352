package com.subscriptiondevices.platform.security;

import com.subscriptiondevices.api.device.DeviceView;
import com.subscriptiondevices.api.error.DomainException;
import com.subscriptiondevices.api.error.ErrorCode;

/** PIN and PUK codes reach, and are written by, only callers whose token has {@code devices:secrets}. */
public final class Secrets {

    private Secrets() {}

    public static boolean visibleToCaller() {
        return Callers.currentHasScope(Scopes.SECRETS);
    }

    public static DeviceView forCaller(DeviceView device) {
        return visibleToCaller() ? device : device.withoutSecrets();
    }

    /** A write that sets PIN or PUK codes is refused (403) unless the caller may see them. */
    public static void requireScopeToWrite(boolean writesCodes) {
        if (writesCodes && !visibleToCaller()) {
            throw new DomainException(
                    ErrorCode.MISSING_PERMISSIONS, "PIN and PUK codes need the scope '" + Scopes.SECRETS + "'.");
        }
    }
}
