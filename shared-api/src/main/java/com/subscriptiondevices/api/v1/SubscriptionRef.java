package com.subscriptiondevices.api.v1;

import java.util.Optional;
import java.util.UUID;

/** How V1 paths name a subscription: its integer legacy id or, as well, its UUID. */
public record SubscriptionRef(Long legacyId, UUID id) {

    /** Empty when the text is neither a positive integer nor a UUID. */
    public static Optional<SubscriptionRef> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        if (text.chars().allMatch(Character::isDigit) && text.length() <= 18) {
            long legacyId = Long.parseLong(text);
            return legacyId > 0 ? Optional.of(new SubscriptionRef(legacyId, null)) : Optional.empty();
        }
        try {
            return Optional.of(new SubscriptionRef(null, UUID.fromString(text)));
        } catch (IllegalArgumentException notAUuid) {
            return Optional.empty();
        }
    }
}
