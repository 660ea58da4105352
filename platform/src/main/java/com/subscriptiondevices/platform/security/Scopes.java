package com.subscriptiondevices.platform.security;

/** The scopes a token may carry (claim {@code scope}, space-separated). */
public final class Scopes {

    public static final String READ = "devices:read";
    public static final String WRITE = "devices:write";
    public static final String SECRETS = "devices:secrets";
    public static final String AUDIT = "devices:audit";
    public static final String ADMIN = "devices:admin";
    /** The change notifications' hub (listeners and their deliveries). */
    public static final String EVENTS = "devices:events";

    public static final java.util.List<String> ALL = java.util.List.of(READ, WRITE, SECRETS, AUDIT, ADMIN, EVENTS);

    private Scopes() {}
}
