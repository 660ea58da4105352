package com.subscriptiondevices.command.subscription.representation;

import com.subscriptiondevices.api.device.AppliedOperation;
import com.subscriptiondevices.api.device.DeviceDetails;
import com.subscriptiondevices.api.device.DeviceView;
import com.subscriptiondevices.api.device.SimCard;
import com.subscriptiondevices.api.error.DomainException;
import com.subscriptiondevices.api.error.ErrorCode;
import com.subscriptiondevices.platform.web.ApiExceptionHandler;
import com.subscriptiondevices.platform.web.ApiProblem;
import com.subscriptiondevices.platform.web.ApiText;
import com.subscriptiondevices.platform.web.JsonProblems;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Applies an RFC 6902 JSON Patch (Jakarta JSON Processing's implementation) to a device's V2
 * representation and turns the result back into details the aggregate can decide on. Accepts
 * masstack's optional {@code reason} on each operation and keeps it for the audit trail. Read-only
 * paths, unknown members, failed tests and invalid results are refused with 400; PIN and PUK paths
 * need {@code devices:secrets}.
 */
@Component
public class DevicePatcher {

    /**
     * Looked up once: {@code Json.createReader} and its siblings look the provider up through the
     * {@code ServiceLoader} on every call, which scans every jar of the class path (14 % of a PATCH's
     * CPU, JFR).
     */
    private static final JsonProvider JSON_P = JsonProvider.provider();

    private static final Set<String> OPERATIONS = Set.of("add", "remove", "replace", "move", "copy", "test");
    private static final Set<String> MEMBERS = Set.of("op", "path", "value", "from", "reason");
    private static final List<String> READ_ONLY = List.of(
            "/id",
            "/legacy_id",
            "/status",
            "/category",
            "/device_additional_details/iccid",
            "/device_additional_details/imsi");
    private static final List<String> READ_ONLY_MEMBERS = List.of("id", "legacy_id", "status", "category");
    private static final List<String> SECRETS = List.of(
            "/device_additional_details/pin",
            "/device_additional_details/puk",
            "/device_additional_details/pin2",
            "/device_additional_details/puk2");

    private final JsonMapper json;
    private final Validator validator;

    DevicePatcher(JsonMapper json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    /** The device's new details and the operations as the audit trail keeps them. */
    public record Patched(DeviceDetails details, List<AppliedOperation> operations) {}

    public Patched apply(DeviceView current, String patchDocument, boolean secretsVisible) {
        JsonArray operations = parse(patchDocument);
        JsonArrayBuilder standard = JSON_P.createArrayBuilder();
        List<AppliedOperation> applied = new ArrayList<>();
        for (int i = 0; i < operations.size(); i++) {
            JsonObject operation = checked(operations.get(i), i, secretsVisible);
            standard.add(JSON_P.createObjectBuilder(operation).remove("reason"));
            applied.add(new AppliedOperation(
                    text(operation, "op"),
                    text(operation, "path"),
                    text(operation, "from"),
                    text(operation, "reason")));
        }
        DeviceView visible = secretsVisible ? current : current.withoutSecrets();
        JsonObject before = readObject(json.writeValueAsString(visible));
        JsonStructure after;
        try {
            after = JSON_P.createPatch(standard.build()).apply(before);
        } catch (JsonException failure) {
            throw invalid("The patch cannot be applied: "
                    + ApiText.plain(failure.getMessage(), "an operation's path or value does not fit the device."));
        }
        if (!(after instanceof JsonObject patched)) {
            throw invalid("The patch must leave the device a JSON object.");
        }
        for (String member : READ_ONLY_MEMBERS) {
            if (!java.util.Objects.equals(before.get(member), patched.get(member))) {
                throw invalid("'/" + member + "' is read-only.");
            }
        }
        DeviceDetails details = DeviceRequests.toDetails(validRequest(
                JSON_P.createObjectBuilder(patched).remove("status").build().toString()));
        SimCard currentSim = current.details().deviceAdditionalDetails();
        SimCard newSim = details.deviceAdditionalDetails();
        if (!secretsVisible && currentSim != null && newSim != null) {
            details = details.withDeviceAdditionalDetails(newSim.withSecretsOf(currentSim));
        }
        return new Patched(details, applied);
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

    private static JsonObject checked(JsonValue value, int index, boolean secretsVisible) {
        if (!(value instanceof JsonObject operation)) {
            throw invalid("Operation " + index + " is not a JSON object.");
        }
        for (String member : operation.keySet()) {
            if (!MEMBERS.contains(member)) {
                throw invalid("Operation " + index + " has an unknown member '" + member + "'.");
            }
        }
        for (String member : List.of("op", "path", "from", "reason")) {
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
        boolean changes = !op.equals("test");
        if (changes && under(path, READ_ONLY)) {
            throw invalid("'" + path + "' is read-only.");
        }
        if (op.equals("move") && from != null && under(from, READ_ONLY)) {
            throw invalid("'" + from + "' is read-only.");
        }
        if (!secretsVisible && (under(path, SECRETS) || (from != null && under(from, SECRETS)))) {
            throw new DomainException(
                    ErrorCode.MISSING_PERMISSIONS, "PIN and PUK codes need the scope 'devices:secrets'.");
        }
        return operation;
    }

    private DeviceRequest validRequest(String document) {
        DeviceRequest request;
        try {
            request = json.readValue(document, DeviceRequest.class);
        } catch (JacksonException failure) {
            throw invalid("The patched device is not valid: " + JsonProblems.describe(failure));
        }
        Set<ConstraintViolation<DeviceRequest>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            ApiProblem problem = ApiExceptionHandler.violationProblem(violations);
            throw new DomainException(problem.code(), String.join("; ", problem.details()));
        }
        return request;
    }

    private static JsonObject readObject(String document) {
        return JSON_P.createReader(new StringReader(document)).readObject();
    }

    private static boolean under(String path, List<String> roots) {
        return roots.stream().anyMatch(root -> path.equals(root) || path.startsWith(root + "/"));
    }

    private static String text(JsonObject operation, String member) {
        JsonValue value = operation.get(member);
        return value instanceof JsonString string ? string.getString() : null;
    }

    private static DomainException invalid(String message) {
        return new DomainException(ErrorCode.INVALID_PATCH, message);
    }
}
