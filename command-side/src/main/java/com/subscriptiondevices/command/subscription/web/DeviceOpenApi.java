package com.subscriptiondevices.command.subscription.web;

import com.subscriptiondevices.platform.web.ApiSchemas;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The write requests' schemas as the service reads them: optional members may be null (null means
 * absent), unknown members are refused, identifiers may come as strings or numbers (every digit is
 * kept), and a PATCH body is an array of JSON Patch operations.
 */
@Configuration(proxyBeanMethods = false)
class DeviceOpenApi {

    static final String PATCH_OPERATION = "JsonPatchOperation";
    static final String SUBSCRIPTION_PATCH_OPERATION = "SubscriptionPatchOperation";

    @Bean
    OpenApiCustomizer deviceRequests() {
        return openApi -> {
            openApi.getComponents().addSchemas(PATCH_OPERATION, patchOperation());
            openApi.getComponents().addSchemas(SUBSCRIPTION_PATCH_OPERATION, subscriptionPatchOperation());
            ApiSchemas.of(openApi, "SubscriptionRequest")
                    .closed()
                    .nullableUnlessRequired()
                    .example("legacy_account_id", 4711)
                    .example("msisdn", "+34600123456")
                    .description("msisdn", "The phone number, E.164; unique across the service");
            ApiSchemas.of(openApi, "SubscriptionRequest").property("msisdn").setPattern(MSISDN_PATTERN);
            ApiSchemas.of(openApi, "DeviceRequest")
                    .closed()
                    .nullableUnlessRequired()
                    .example("catalogue_commercial_device_id", "P045A1SNC")
                    .example("mac_address", "aa-bb-cc-dd-ee-ff")
                    .example("imei", "49-015420-323751-8")
                    .example("legacy_account_id", 4711)
                    .description("category", "SIM or OTHER (the default); a SIM needs device_additional_details")
                    .description(
                            "mac_address",
                            "Any common notation (aa:bb:.., AA-BB-.., aabb.ccdd.eeff, bare hex);"
                                    + " stored as AA:BB:CC:DD:EE:FF")
                    .description("imei", "15 digits with a valid check digit; the AA-BBBBBB-CCCCCC-D form too")
                    .description(
                            "insurable_amount",
                            "At least 0, at most 12 integer digits and 4 decimals;" + " null: not insurable");
            ApiSchemas.of(openApi, "ManufacturingInfoRequest").closed().nullableUnlessRequired();
            ApiSchemas.of(openApi, "CommitmentRequest").closed().nullableUnlessRequired();
            ApiSchemas.of(openApi, "SimCardRequest")
                    .closed()
                    .digits("iccid", "8934011411551283144", "19-20 digits starting 89, with a valid Luhn check digit")
                    .digits("imsi", "214035453370793", "14-15 digits")
                    .nullableUnlessRequired()
                    .example("pin", "0123")
                    .example("puk", "12345678");
        };
    }

    /** E.164, as CAMARA writes it. */
    static final String MSISDN_PATTERN = "^\\+[1-9][0-9]{4,14}$";

    private static Schema<?> subscriptionPatchOperation() {
        return new Schema<>()
                .type("object")
                .description("An RFC 6902 operation on the subscription: add, replace or remove /msisdn, or a test")
                .addRequiredItem("op")
                .addRequiredItem("path")
                .additionalProperties(Boolean.FALSE)
                .addProperty(
                        "op", new StringSchema()._enum(List.of("add", "remove", "replace", "move", "copy", "test")))
                .addProperty(
                        "path",
                        new StringSchema()
                                .description("/msisdn; a test may name any member of the subscription")
                                .example("/msisdn"))
                .addProperty(
                        "value",
                        new Schema<>()
                                .description("For add and replace: the phone number (E.164) or null; for test: any"
                                        + " JSON value (required for add, replace and test)"))
                .addProperty(
                        "from",
                        new StringSchema()
                                .description("A JSON Pointer: for move and copy (required)")
                                .example("/msisdn"));
    }

    private static Schema<?> patchOperation() {
        return new Schema<>()
                .type("object")
                .description("An RFC 6902 operation, with an optional reason kept in the audit trail")
                .addRequiredItem("op")
                .addRequiredItem("path")
                .additionalProperties(Boolean.FALSE)
                .addProperty(
                        "op", new StringSchema()._enum(List.of("add", "remove", "replace", "move", "copy", "test")))
                .addProperty(
                        "path",
                        new StringSchema()
                                .description("A JSON Pointer into the device's V2 representation")
                                .example("/serial_number"))
                .addProperty(
                        "value", new Schema<>().description("Any JSON value: for add, replace and test (required)"))
                .addProperty(
                        "from",
                        new StringSchema()
                                .description("A JSON Pointer: for move and copy (required)")
                                .example("/serial_number"))
                .addProperty(
                        "reason",
                        new StringSchema()
                                .nullable(true)
                                .description("Why, for the audit trail (e.g. SUBSCRIBER_REQUESTED)")
                                .example("SUBSCRIBER_REQUESTED"));
    }
}
