package com.subscriptiondevices.command.hub.listener;

import com.subscriptiondevices.api.error.DomainException;
import com.subscriptiondevices.api.error.ErrorCode;
import com.subscriptiondevices.command.hub.HubEventTypes;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A listener's {@code query}: {@code type=<t1>,<t2>}, the event types it wants. Absent: every type.
 *
 * @param types the wanted types; empty means every type
 */
public record ListenerQuery(Set<String> types) {

    private static final String PREFIX = "type=";

    public static final ListenerQuery EVERYTHING = new ListenerQuery(Set.of());

    public ListenerQuery {
        types = Set.copyOf(types);
    }

    /** Reads a query as registered; a 400 when it is not {@code type=} and a list of known types. */
    public static ListenerQuery parse(String query) {
        if (query == null) {
            return EVERYTHING;
        }
        if (!query.startsWith(PREFIX) || query.length() == PREFIX.length()) {
            throw invalid("query must be type=<t1>,<t2>,... with types of the catalogue.");
        }
        Set<String> types = new LinkedHashSet<>();
        for (String part : query.substring(PREFIX.length()).split(",", -1)) {
            String type = part.strip();
            if (!HubEventTypes.ALL.contains(type)) {
                throw invalid("query names an unknown event type; the types are " + String.join(", ", HubEventTypes.ALL)
                        + ".");
            }
            types.add(type);
        }
        return new ListenerQuery(types);
    }

    public boolean wants(String type) {
        return types.isEmpty() || types.contains(type);
    }

    private static DomainException invalid(String message) {
        return new DomainException(ErrorCode.INVALID_BODY, message);
    }
}
