package com.subscriptiondevices.command.subscription.representation;

import com.subscriptiondevices.api.error.DomainException;
import com.subscriptiondevices.api.error.ErrorCode;
import com.subscriptiondevices.api.identifier.Identifiers;
import com.subscriptiondevices.api.subscription.SubscriptionView;
import com.subscriptiondevices.platform.web.ApiText;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Applies an RFC 6902 JSON Patch to a subscription's V2 representation, of which only {@code /msisdn}
 * may change (upstream owns the rest): {@code add}, {@code replace} or {@code remove} it, {@code test}
 * anything. Returns the phone number the subscription is to have (null: none). A failed test, a
 * missing path, a change to another member or a number that is not E.164 is a 400.
 */
@Component
public class SubscriptionPatcher {

    /** Looked up once, as in {@link DevicePatcher}: every lookup scans the class path. */
    private static final JsonProvider JSON_P = JsonProvider.provider();

    private static final String MSISDN = "/msisdn";
    private static final Set<String> OPERATIONS = Set.of("add", "remove", "replace", "move", "copy", "test");
    private static final Set<String> MEMBERS = Set.of("op", "path", "value", "from");

    private final JsonMapper json;

    SubscriptionPatcher(JsonMapper json) {
        this.json = json;
    }

    public String apply(SubscriptionView current, String patchDocument) {
        JsonArray operations = parse(patchDocument);
        for (int i = 0; i < operations.size(); i++) {
            check(operations.get(i), i);
        }
        JsonObject before = JSON_P.createReader(new StringReader(json.writeValueAsString(current)))
                .readObject();
        JsonStructure after;
        try {
            after = JSON_P.createPatch(operations).apply(before);
        } catch (JsonException failure) {
            throw invalid("The patch cannot be applied: "
                    + ApiText.plain(
                            failure.getMessage(), "an operation's path or value does not fit the subscription."));
        }
        if (!(after instanceof JsonObject patched)) {
            throw invalid("The patch must leave the subscription a JSON object.");
        }
        for (String member : before.keySet()) {
            if (!member.equals("msisdn") && !Objects.equals(before.get(member), patched.get(member))) {
                throw invalid("'/" + member + "' is read-only; only /msisdn may change.");
            }
        }
        JsonValue msisdn = patched.get("msisdn");
        if (msisdn == null || msisdn.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(msisdn instanceof JsonString number)) {
            throw invalid("/msisdn must be a string (a phone number in E.164 form) or null.");
        }
        if (!Identifiers.isValidMsisdn(number.getString())) {
            throw new DomainException(
                    ErrorCode.INVALID_MSISDN_FORMAT,
                    "msisdn: must be a phone number in E.164 form: + and 5 to 15 digits, the first not 0.");
        }
        return number.getString();
    }

    private static JsonArray parse(String patchDocument) {
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

    /** The operation's form, and that it changes /msisdn only. */
    private static void check(JsonValue value, int index) {
        if (!(value instanceof JsonObject operation)) {
            throw invalid("Operation " + index + " is not a JSON object.");
        }
        for (String member : operation.keySet()) {
            if (!MEMBERS.contains(member)) {
                throw invalid("Operation " + index + " has an unknown member '" + member + "'.");
            }
        }
        for (String member : List.of("op", "path", "from")) {
            if (operation.containsKey(member) && operation.get(member).getValueType() != JsonValue.ValueType.STRING) {
                throw invalid("Operation " + index + ": '" + member + "' must be a string.");
            }
        }
        String op = text(operation, "op");
        String path = text(operation, "path");
        String from = text(operation, "from");
        if (op == null || !OPERATIONS.contains(op)) {
            throw invalid("Operation " + index + " needs 'op', one of add, remove, replace, move, copy, test.");
        }
        if (path == null) {
            throw invalid("Operation " + index + " needs a 'path'.");
        }
        if ((op.equals("move") || op.equals("copy")) && from == null) {
            throw invalid("Operation " + index + " ('" + op + "') needs a 'from'.");
        }
        if ((op.equals("add") || op.equals("replace") || op.equals("test")) && !operation.containsKey("value")) {
            throw invalid("Operation " + index + " ('" + op + "') needs a 'value'.");
        }
        if (!op.equals("test") && !path.equals(MSISDN)) {
            throw invalid("'" + path + "' is read-only; only /msisdn may change.");
        }
        if (op.equals("move") && !from.equals(MSISDN)) {
            throw invalid("'" + from + "' is read-only; only /msisdn may change.");
        }
    }

    private static String text(JsonObject operation, String member) {
        JsonValue value = operation.get(member);
        return value instanceof JsonString string ? string.getString() : null;
    }

    private static DomainException invalid(String message) {
        return new DomainException(ErrorCode.INVALID_PATCH, message);
    }
}
