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

    /** CAMARA's SIM swap scopes: both calls, or one each. */
    public static final String SIM_SWAP = "sim-swap";

    public static final String SIM_SWAP_CHECK = "sim-swap:check";
    public static final String SIM_SWAP_RETRIEVE_DATE = "sim-swap:retrieve-date";

    public static final java.util.List<String> ALL = java.util.List.of(
            READ, WRITE, SECRETS, AUDIT, ADMIN, EVENTS, SIM_SWAP, SIM_SWAP_CHECK, SIM_SWAP_RETRIEVE_DATE);

    private Scopes() {}
}
