package com.subscriptiondevices.command.subscription.representation;

import com.subscriptiondevices.api.error.DomainException;
import com.subscriptiondevices.api.error.ErrorCode;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The form of an RFC 6902 JSON Patch document as both PATCH endpoints take it: a JSON array of
 * operations, each an object with only the standard members (and any extra text member an endpoint
 * allows), its texts strings, and what its {@code op} needs. Which paths may change is each endpoint's
 * own rule. Every refusal is 400 {@code INVALID_PATCH}.
 */
final class PatchDocuments {

    /**
     * Looked up once: {@code Json.createReader} and its siblings look the provider up through the
     * {@code ServiceLoader} on every call, which scans every jar of the class path (14 % of a PATCH's
     * CPU, JFR).
     */
    static final JsonProvider JSON_P = JsonProvider.provider();

    private static final Set<String> OPERATIONS = Set.of("add", "remove", "replace", "move", "copy", "test");
    private static final List<String> TEXTS = List.of("op", "path", "from");

    private PatchDocuments() {}

    /** The document's operations; refuses anything but a well-formed JSON array. */
    static JsonArray parse(String patchDocument) {
        JsonStructure document;
        try {
            document = JSON_P.createReader(new StringReader(patchDocument == null ? "" : patchDocument))
                    .read();
        } catch (JsonException | IllegalStateException failure) {
            throw invalid("The body is not a well-formed JSON Patch document (a JSON array of operations).");
        } catch (RuntimeException tooDeep) {
            // Parsson refuses input nested past its limit with a bare RuntimeException
            throw invalid("The body nests too deeply to be a JSON Patch document.");
        }
        if (!(document instanceof JsonArray operations)) {
            throw invalid("The body must be a JSON array of operations (RFC 6902).");
        }
        return operations;
    }

    /**
     * The operation at {@code index}, once its form is checked: an object with only {@code op},
     * {@code path}, {@code value}, {@code from} and the {@code extraTexts}; those and {@code op},
     * {@code path}, {@code from} strings; a known {@code op} with a {@code path}, a {@code from} for
     * move and copy, a {@code value} for add, replace and test.
     */
    static JsonObject operation(JsonValue value, int index, String... extraTexts) {
        if (!(value instanceof JsonObject operation)) {
            throw invalid("Operation " + index + " is not a JSON object.");
        }
        List<String> texts = new ArrayList<>(TEXTS);
        texts.addAll(List.of(extraTexts));
        for (String member : operation.keySet()) {
            if (!member.equals("value") && !texts.contains(member)) {
                throw invalid("Operation " + index + " has an unknown member '" + member + "'.");
            }
        }
        for (String member : texts) {
            if (operation.containsKey(member) && operation.get(member).getValueType() != JsonValue.ValueType.STRING) {
                throw invalid("Operation " + index + ": '" + member + "' must be a string.");
            }
        }
        String op = text(operation, "op");
        if (op == null || !OPERATIONS.contains(op)) {
            throw invalid("Operation " + index + " needs 'op', one of add, remove, replace, move, copy, test.");
        }
        if (text(operation, "path") == null) {
            throw invalid("Operation " + index + " needs a 'path'.");
        }
        if ((op.equals("move") || op.equals("copy")) && text(operation, "from") == null) {
            throw invalid("Operation " + index + " ('" + op + "') needs a 'from'.");
        }
        if ((op.equals("add") || op.equals("replace") || op.equals("test")) && !operation.containsKey("value")) {
            throw invalid("Operation " + index + " ('" + op + "') needs a 'value'.");
        }
        return operation;
    }

    /** The member's text, or null when it is absent. */
    static String text(JsonObject operation, String member) {
        JsonValue value = operation.get(member);
        return value instanceof JsonString string ? string.getString() : null;
    }

    static DomainException invalid(String message) {
        return new DomainException(ErrorCode.INVALID_PATCH, message);
    }
}
