package com.subscriptiondevices.command.hub.web;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Registers a listener.
 *
 * @param callback the absolute http(s) URL deliveries are POSTed to
 * @param query {@code type=<t1>,<t2>}: only these event types; absent: every type
 * @param secret the signing key, 32-200 visible ASCII characters ({@code whsec_} and base64, as Standard
 *     Webhooks has them, or any other); absent: one is generated
 */
record ListenerRequest(
        @NotNull @Size(max = 2000) String callback,
        @Size(min = 1, max = 2000) String query,
        @Size(min = 32, max = 200) @Pattern(regexp = "[\\x21-\\x7E]*", message = "must be visible ASCII characters")
                String secret) {}
