package com.subscriptiondevices.platform.web;

/** Field names as the wire spells them (snake_case), for error messages about Java properties. */
public final class JsonNames {

    private JsonNames() {}

    public static String snakeCase(String javaPath) {
        StringBuilder out = new StringBuilder(javaPath.length() + 8);
        for (char c : javaPath.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
