package com.subscriptiondevices.command.hub.listener;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Listener secrets as Standard Webhooks has them: {@code whsec_} and the base64 of the key, so the
 * standard's own libraries verify our signatures as they are. A secret a client chose without that
 * prefix is used as it is (its UTF-8 bytes are the key).
 */
public final class ListenerSecrets {

    public static final String PREFIX = "whsec_";

    private static final SecureRandom RANDOM = new SecureRandom();

    private ListenerSecrets() {}

    /** A new secret: 32 random bytes. */
    public static String generate() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** The HMAC key of a secret. */
    public static byte[] key(String secret) {
        if (secret.startsWith(PREFIX)) {
            try {
                return Base64.getDecoder().decode(secret.substring(PREFIX.length()));
            } catch (IllegalArgumentException notBase64) {
                // a client's own secret that merely starts like ours: its bytes are the key
            }
        }
        return secret.getBytes(StandardCharsets.UTF_8);
    }
}
