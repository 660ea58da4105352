package com.subscriptiondevices.command.subscription.representation;

import static com.subscriptiondevices.command.subscription.representation.PatchDocuments.JSON_P;
import static com.subscriptiondevices.command.subscription.representation.PatchDocuments.invalid;
import static com.subscriptiondevices.command.subscription.representation.PatchDocuments.parse;
import static com.subscriptiondevices.command.subscription.representation.PatchDocuments.text;

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
import java.io.StringReader;
import java.util.Objects;
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

    private static final String MSISDN = "/msisdn";

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

    /** The operation's form, and that it changes /msisdn only. */
    private static void check(JsonValue value, int index) {
        JsonObject operation = PatchDocuments.operation(value, index);
        String op = text(operation, "op");
        String path = text(operation, "path");
        String from = text(operation, "from");
        if (!op.equals("test") && !path.equals(MSISDN)) {
            throw invalid("'" + path + "' is read-only; only /msisdn may change.");
        }
        if (op.equals("move") && !from.equals(MSISDN)) {
            throw invalid("'" + from + "' is read-only; only /msisdn may change.");
        }
    }
}
