package com.subscriptiondevices.platform.web;

import com.subscriptiondevices.platform.validation.StorableText;
import java.util.regex.Pattern;

/**
 * Text that goes into an error message. A library's own message (Jackson, Spring, Nimbus, Parsson)
 * is passed on only when it speaks the API's language; one that names a Java type, a package or an
 * exception is replaced by the caller's plain fallback. Values the client sent are echoed shortened.
 */
public final class ApiText {

    private static final int MAX_MESSAGE = 200;
    private static final int MAX_ECHO = 60;

    /** Java packages, qualified or nested class names, exception names, Jackson's quoted types, SQL. */
    private static final Pattern INTERNALS = Pattern.compile(
            "\\b(?:java|javax|jakarta|com|org|net|tools|sun)\\.[a-z]|[A-Za-z]\\$[A-Z]|Exception|`|\\bSQL\\b|\\bat [a-z]+\\.");

    private ApiText() {}

    /** {@code message}'s first line when it reveals no internals, otherwise {@code fallback}. */
    public static String plain(String message, String fallback) {
        if (message == null || message.isBlank() || revealsInternals(message)) {
            return fallback;
        }
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return scrubbed(line.length() > MAX_MESSAGE ? line.substring(0, MAX_MESSAGE) + "…" : line);
    }

    public static boolean revealsInternals(String text) {
        return INTERNALS.matcher(text).find();
    }

    /** A value the client sent, for quoting in a message: shortened when long. */
    public static String echo(Object value) {
        String text = String.valueOf(value);
        return scrubbed(text.length() > MAX_ECHO ? text.substring(0, MAX_ECHO) + "…" : text);
    }

    /**
     * NUL and unpaired surrogates replaced by U+FFFD: an unpaired surrogate has no UTF-8 form, so a
     * message quoting one could not even be written.
     */
    private static String scrubbed(String text) {
        if (StorableText.storable(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else {
                out.append(c == 0 || Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }
}
