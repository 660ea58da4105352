package com.subscriptiondevices.platform.security;

import com.subscriptiondevices.api.device.DeviceView;

/** PIN and PUK codes reach only callers whose token has {@code devices:secrets}. */
public final class Secrets {

    private Secrets() {}

    public static boolean visibleToCaller() {
        return Callers.currentHasScope(Scopes.SECRETS);
    }

    public static DeviceView forCaller(DeviceView device) {
        return visibleToCaller() ? device : device.withoutSecrets();
    }
}
