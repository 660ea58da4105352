package com.subscriptiondevices.platform.web;

import com.subscriptiondevices.api.error.DomainException;
import com.subscriptiondevices.api.error.ErrorCode;

/** A device's version as an entity tag ({@code "3"}), and back from {@code If-Match}. */
public final class ETags {

    private ETags() {}

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The version an {@code If-Match} header asks for: null for no header or {@code *}. A tag that
     * is no version of ours can match nothing, so it is stale (412).
     */
    public static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String tag = ifMatch.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException notOurs) {
            throw new DomainException(
                    ErrorCode.STALE_VERSION, "If-Match " + ifMatch + " does not match the device's current ETag.");
        }
    }
}
