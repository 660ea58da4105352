package com.subscriptiondevices.platform.validation;

import java.util.Optional;

/**
 * Text that PostgreSQL can store in a {@code text} or {@code varchar} column. Two things cannot be:
 * the NUL character (U+0000), which PostgreSQL refuses in text, and an unpaired UTF-16 surrogate,
 * which has no UTF-8 form. A write that carried either would be accepted by the aggregate and then
 * fail in every read model, so the web edge refuses it: in request bodies, in path segments, in query
 * values and in the token's names.
 */
public final class StorableText {

    private StorableText() {}

    /** Why {@code text} cannot be stored, or empty when it can. */
    public static Optional<String> problem(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return Optional.of("must not contain the NUL character (U+0000)");
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of("must not contain an unpaired surrogate (U+"
                        + Integer.toHexString(c).toUpperCase() + ")");
            }
        }
        return Optional.empty();
    }

    public static boolean storable(CharSequence text) {
        return problem(text).isEmpty();
    }
}
