package com.subscriptiondevices.query.audit;

import com.subscriptiondevices.platform.web.JsonNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * What the audit trail does to a stored payload (a JSON tree of maps, lists and plain values): field
 * names in snake_case like the rest of the API, and SIM codes masked for callers who may not see them.
 */
public final class AuditPayloads {

    /** What a PIN or PUK code is shown as without {@code devices:secrets}. */
    public static final String MASK = "****";

    private static final Set<String> SECRET_FIELDS = Set.of("pin", "puk", "pin2", "puk2");

    private AuditPayloads() {}

    /** The same tree with every field name, at any depth, in snake_case ({@code newIccid} becomes {@code new_iccid}). */
    public static Map<String, Object> snakeCase(Map<String, ?> payload) {
        return object(payload, JsonNames::snakeCase, (name, value) -> value);
    }

    /**
     * The same tree with the value of every {@code pin}, {@code puk}, {@code pin2} and {@code puk2}
     * field, at any depth, replaced by {@value #MASK}. A code that is null stays null: there is nothing
     * to hide, and a mask would claim that a code exists.
     */
    public static Map<String, Object> masked(Map<String, ?> payload) {
        return object(
                payload,
                UnaryOperator.identity(),
                (name, value) -> value != null && SECRET_FIELDS.contains(name) ? MASK : value);
    }

    private static Map<String, Object> object(
            Map<?, ?> object, UnaryOperator<String> rename, BiFunction<String, Object, Object> replace) {
        Map<String, Object> result = new LinkedHashMap<>();
        object.forEach((key, value) -> {
            String name = rename.apply(String.valueOf(key));
            result.put(name, replace.apply(name, value(value, rename, replace)));
        });
        return result;
    }

    private static Object value(
            Object value, UnaryOperator<String> rename, BiFunction<String, Object, Object> replace) {
        if (value instanceof Map<?, ?> object) {
            return object(object, rename, replace);
        }
        if (value instanceof List<?> items) {
            List<Object> result = new ArrayList<>(items.size());
            items.forEach(item -> result.add(value(item, rename, replace)));
            return result;
        }
        return value;
    }
}
