package com.subscriptiondevices.platform.web;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * What a JSON body got wrong, said in the API's terms: the member as the wire names it
 * ({@code device_additional_details.iccid}, {@code commitments[0]}) and what it must be ("an object",
 * "an array", "a string", "one of BORROWED, FINANCED"), never the Java type Jackson was filling.
 */
public final class JsonProblems {

    private static final Pattern DUPLICATE = Pattern.compile("Duplicate Object property \"(.*)\"");

    private JsonProblems() {}

    /** The first Jackson failure in {@code failure}'s causes, described; a generic sentence otherwise. */
    public static String describe(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof JacksonException jackson) {
                return describe(jackson);
            }
        }
        return "The body is missing or is not a JSON document.";
    }

    private static String describe(JacksonException failure) {
        String path = path(failure);
        String subject = path.isEmpty() ? "The body" : "'" + path + "'";
        if (failure instanceof UnrecognizedPropertyException unknown) {
            return "Unknown field '" + ApiText.echo(path.isEmpty() ? unknown.getPropertyName() : path) + "'.";
        }
        if (failure instanceof UnstorableTextException unstorable) {
            return subject + " " + unstorable.getOriginalMessage() + ".";
        }
        if (failure instanceof InvalidNullException) {
            return subject + " must not be null.";
        }
        if (failure instanceof InvalidFormatException invalid) {
            return subject + " has the value '" + ApiText.echo(invalid.getValue()) + "', which is not "
                    + expected(invalid.getTargetType()) + ".";
        }
        if (failure instanceof MismatchedInputException mismatch) {
            return subject + " must be " + expected(mismatch.getTargetType()) + ".";
        }
        if (failure instanceof InputCoercionException coercion) {
            return subject + " is out of range for " + expected(coercion.getTargetType()) + ".";
        }
        if (failure instanceof StreamConstraintsException) {
            return "The body nests too deeply or holds too long a value.";
        }
        if (failure instanceof StreamReadException) {
            Matcher duplicate = DUPLICATE.matcher(String.valueOf(failure.getOriginalMessage()));
            if (duplicate.find()) {
                return "The member '" + ApiText.echo(qualified(path, duplicate.group(1))) + "' appears twice.";
            }
            if (failure.getLocation() != null && failure.getLocation().getLineNr() > 0) {
                return "The body is not well-formed JSON (line "
                        + failure.getLocation().getLineNr() + ", column "
                        + failure.getLocation().getColumnNr() + ").";
            }
            return "The body is not well-formed JSON.";
        }
        if (failure instanceof DatabindException && !path.isEmpty()) {
            return subject + " does not have the expected form.";
        }
        return "The body cannot be read as the expected JSON document.";
    }

    /** What a value of {@code type} looks like on the wire. */
    static String expected(Class<?> type) {
        if (type == null) {
            return "a valid value";
        }
        if (type.isEnum()) {
            return "one of "
                    + Arrays.stream(type.getEnumConstants())
                            .map(String::valueOf)
                            .collect(Collectors.joining(", "));
        }
        if (type == String.class || type == Character.class || type == char.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Long.class || type == long.class) {
            return "an integer (64-bit)";
        }
        if (type == Integer.class || type == int.class || type == Short.class || type == BigInteger.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(type) || type == BigDecimal.class || type.isPrimitive()) {
            return "a number";
        }
        if (type == UUID.class) {
            return "a UUID";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 date-time with a zone, e.g. 2026-05-01T10:00:00Z";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type)
                || type.isRecord()
                || !type.getName().startsWith("java.")) {
            return "an object";
        }
        return "a valid value";
    }

    /** The member path as the wire spells it: {@code device_additional_details.iccid}, {@code commitments[0]}. */
    static String path(JacksonException failure) {
        List<JacksonException.Reference> references = failure.getPath();
        if (references.isEmpty() && failure.processor() instanceof JsonParser parser) {
            return path(parser.streamReadContext());
        }
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : references) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String path(TokenStreamContext context) {
        List<String> parts = new ArrayList<>();
        for (TokenStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
            if (at.inObject() && at.currentName() != null) {
                parts.add(0, "." + at.currentName());
            } else if (at.inArray() && at.hasCurrentIndex()) {
                parts.add(0, "[" + at.getCurrentIndex() + "]");
            }
        }
        String path = String.join("", parts);
        return path.startsWith(".") ? path.substring(1) : path;
    }

    private static String qualified(String parent, String member) {
        return parent.isEmpty() || parent.endsWith(member) ? member : parent + "." + member;
    }
}
