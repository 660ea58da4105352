package com.subscriptiondevices.command.subscription.representation;

import static com.subscriptiondevices.command.subscription.representation.PatchDocuments.JSON_P;
import static com.subscriptiondevices.command.subscription.representation.PatchDocuments.invalid;
import static com.subscriptiondevices.command.subscription.representation.PatchDocuments.parse;
import static com.subscriptiondevices.command.subscription.representation.PatchDocuments.text;

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
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
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

    private static JsonObject checked(JsonValue value, int index, boolean secretsVisible) {
        JsonObject operation = PatchDocuments.operation(value, index, "reason");
        String op = text(operation, "op");
        String path = text(operation, "path");
        String from = text(operation, "from");
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
}
