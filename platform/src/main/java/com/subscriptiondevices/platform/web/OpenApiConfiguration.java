package com.subscriptiondevices.platform.web;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.type.TypeFactory;
import com.subscriptiondevices.api.error.ErrorMessage;
import com.subscriptiondevices.api.error.ErrorResponse;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.jackson.TypeNameResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * The OpenAPI document (served at {@code /v3/api-docs}, UI at {@code /swagger-ui.html}, committed as
 * {@code docs/openapi.json}), generated from the controllers. Here: what every operation shares (the
 * request id, its family's error body on every 4xx and 5xx, the security scheme, the tags) and the
 * shapes of the shared-api records that records cannot tell (members always written, nullable ones).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String ERROR_RESPONSE = "ErrorResponse";
    static final String ERROR_MESSAGE = "ErrorMessage";
    static final String ERROR_INFO = "ErrorInfo";
    static final String X_CORRELATOR = "XCorrelator";

    /** CAMARA's statuses of the SIM swap family, each with the codes it answers with. */
    private static final Map<String, List<String>> CAMARA_CODES = Map.of(
            "400", List.of("INVALID_ARGUMENT", "OUT_OF_RANGE"),
            "401", List.of("UNAUTHENTICATED"),
            "403", List.of("PERMISSION_DENIED"),
            "404", List.of("NOT_FOUND", "IDENTIFIER_NOT_FOUND"),
            "413", List.of("CONTENT_TOO_LARGE"),
            "415", List.of("UNSUPPORTED_MEDIA_TYPE"),
            "422", List.of("MISSING_IDENTIFIER", "UNNECESSARY_IDENTIFIER"),
            "500", List.of("INTERNAL"),
            "503", List.of("UNAVAILABLE"),
            "504", List.of("TIMEOUT"));

    private static final Map<Integer, String> CAMARA_EXAMPLES = Map.of(
            400, "phoneNumber must be a phone number in E.164 form: + and 5 to 15 digits, the first not 0.",
            401, "A Bearer token is required.",
            403, "This call needs the scope 'sim-swap:check' or 'sim-swap'.",
            404, "No subscription of the token's organizations has this phone number.",
            413, "The request body is larger than 65536 bytes.",
            415, "The content type text/plain is not supported; use [application/json].",
            422, "Give phoneNumber: the token identifies no phone number (no phone_number claim).",
            500, "Unexpected error; quote the request id b4333c46-49c0-4f62-80d7-f0ef930f1c46.",
            503, "The database is unavailable for a moment; nothing was changed. Try again shortly.",
            504, "The service did not answer in time.");

    private static final Map<String, String> CAMARA_MEANINGS = Map.of(
            "400",
                    "INVALID_ARGUMENT: the body, a header (x-correlator) or phoneNumber breaks a rule of this"
                            + " document; OUT_OF_RANGE: maxAge is not 1 to 2400, or goes beyond the monitored period",
            "401", "UNAUTHENTICATED: no valid Bearer token",
            "403", "PERMISSION_DENIED: the token lacks the scope",
            "413", "CONTENT_TOO_LARGE: the request body is too large",
            "415", "UNSUPPORTED_MEDIA_TYPE: send application/json",
            "500", "INTERNAL: unexpected error; the message quotes the x-correlator",
            "503", "UNAVAILABLE: the service or its database cannot be reached for the moment; retry later",
            "504", "TIMEOUT: the entry point of a split deployment got no answer in time");

    private static final Map<String, String> MEANINGS = Map.of(
            "400", "Invalid request: a parameter, header or body breaks a rule of this document; nothing changed",
            "401", "No valid Bearer token (UNAUTHORIZED)",
            "403", "Organization not in the token (FORBIDDEN_ORGANIZATION) or scope missing (MISSING_PERMISSIONS)",
            "404", "Not found in this organization (SUBSCRIPTION_NOT_FOUND, DEVICE_NOT_FOUND, ...)",
            "413", "Request body too large (PAYLOAD_TOO_LARGE)",
            "415", "Unsupported content type (UNSUPPORTED_MEDIA_TYPE)",
            "500", "Unexpected error (INTERNAL_ERROR); the message quotes the request id",
            "503",
                    "The service or its database cannot be reached for the moment (SERVICE_UNAVAILABLE); nothing"
                            + " changed, retry later",
            "504",
                    "The entry point of a split deployment got no answer in time (SERVICE_UNAVAILABLE); a write may"
                            + " have been applied: read before retrying");

    @Bean
    OpenAPI subscriptionDevicesApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Subscription Devices")
                        .version("v2")
                        .description("SIM cards and terminals held by a telecom operator's subscriptions. Every call"
                                + " needs a Bearer JWT with an 'orgs' claim and the 'devices:*' scopes it uses. JSON"
                                + " members are snake_case; dates are ISO-8601, written in UTC with Z; identifiers"
                                + " (ICCID, IMSI, IMEI) are strings. Errors: V1 answers {\"errors\":[...]}, one"
                                + " item per problem; V2 and /admin answer {\"error\":{\"code\",\"message\","
                                + "\"reference\"}}. Error codes: /docs/errors. A request may carry an"
                                + " X-Request-Id (1-128 of A-Z a-z 0-9 . _ : -; any other value is replaced by a"
                                + " new UUID): every answer echoes it, and every event the request causes keeps"
                                + " it as its correlation id. The SIM swap API (/sim-swap, CAMARA's) has camelCase"
                                + " members, answers CAMARA's {\"status\",\"code\",\"message\"} and takes an"
                                + " x-correlator instead."))
                .tags(List.of(
                        new Tag()
                                .name("Subscriptions")
                                .description("Subscriptions registered with the service (upstream owns them)"),
                        new Tag()
                                .name("Devices")
                                .description("V2 devices of a subscription: SIM cards and terminals; lookups across"
                                        + " an organization"),
                        new Tag()
                                .name("Audit")
                                .description("A subscription's events as recorded (needs devices:audit)"),
                        new Tag()
                                .name("V1 subscription devices")
                                .description("The V1 resource: devices by integer id, change-request history, SIM"
                                        + " replacement"),
                        new Tag()
                                .name("Hub")
                                .description("Change notifications: listeners that get the org's events as signed"
                                        + " CloudEvents (needs devices:events)"),
                        new Tag()
                                .name("SIM swap")
                                .description("CAMARA's SIM Swap API (v2) for fraud checks: a phone number's latest"
                                        + " SIM change. Its own family: CAMARA's ErrorInfo body and codes, the"
                                        + " x-correlator header, scopes sim-swap, sim-swap:check and"
                                        + " sim-swap:retrieve-date"),
                        new Tag()
                                .name("Operations")
                                .description("Operators: read models and their rebuilds, dead letters (needs"
                                        + " devices:admin)")))
                .components(new Components()
                        .addSecuritySchemes(
                                "bearer-jwt",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT"))
                        .addHeaders(
                                RequestIdFilter.HEADER,
                                new Header()
                                        .description("The request's correlation id: the caller's X-Request-Id when it"
                                                + " is 1-128 of A-Z a-z 0-9 . _ : -, otherwise a new UUID")
                                        .required(true)
                                        .schema(new StringSchema().maxLength(128)))
                        .addHeaders(
                                RequestIdFilter.CORRELATOR,
                                new Header()
                                        .description("The request's correlation id (the SIM swap family): the"
                                                + " caller's x-correlator as given when it is valid, otherwise a new"
                                                + " UUID")
                                        .required(true)
                                        .schema(new Schema<>().$ref("#/components/schemas/" + X_CORRELATOR)))
                        .addParameters(
                                RequestIdFilter.CORRELATOR,
                                new Parameter()
                                        .in("header")
                                        .name(RequestIdFilter.CORRELATOR)
                                        .description("Correlation id for the different services: echoed on the"
                                                + " answer, kept in the logs; one that does not match the pattern is"
                                                + " 400 INVALID_ARGUMENT")
                                        .schema(new Schema<>().$ref("#/components/schemas/" + X_CORRELATOR))))
                .addSecurityItem(new SecurityRequirement().addList("bearer-jwt"));
    }

    /**
     * Schemas spelled as the wire is (snake_case; swagger-core resolves models with its own mapper), and
     * a nested record named after its enclosing one ({@code ErrorMessage.Item} is ErrorMessageItem), so
     * no generic name such as Item or Error reaches a generated client; a request's parts
     * ({@code ...Request}) keep their names.
     */
    @Bean
    ModelResolver snakeCaseModels() {
        return new ModelResolver(
                Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE),
                new TypeNameResolver() {
                    @Override
                    protected String getNameOfClass(Class<?> cls) {
                        String name = super.getNameOfClass(cls);
                        Class<?> enclosing = cls.getEnclosingClass();
                        return enclosing == null || cls.isEnum() || name.endsWith("Request")
                                ? name
                                : enclosing.getSimpleName() + name;
                    }
                });
    }

    /** The records of shared-api that answers carry. */
    @Bean
    @Order(0)
    OpenApiCustomizer sharedSchemas() {
        return openApi -> {
            register(openApi, ERROR_RESPONSE, ErrorResponse.class);
            register(openApi, ERROR_MESSAGE, ErrorMessage.class);
            CAMARA_CODES.forEach((status, codes) -> openApi.getComponents()
                    .addSchemas(ERROR_INFO + status, camaraErrorInfo(Integer.parseInt(status), codes)));
            openApi.getComponents()
                    .addSchemas(
                            X_CORRELATOR,
                            new StringSchema()
                                    .pattern("^[a-zA-Z0-9-_:;.\\/<>{}]{0,256}$")
                                    .example("b4333c46-49c0-4f62-80d7-f0ef930f1c46"));
            ApiSchemas.of(openApi, ERROR_RESPONSE).allRequired();
            ApiSchemas.of(openApi, "ErrorResponseError")
                    .allRequired()
                    .example("code", "DEVICE_NOT_FOUND")
                    .example("message", "The subscription has no such device.")
                    .example("reference", "/docs/errors#DEVICE_NOT_FOUND");
            ApiSchemas.of(openApi, ERROR_MESSAGE).allRequired();
            ApiSchemas.of(openApi, "ErrorMessageItem")
                    .allRequired()
                    .example("code", "INVALID_ICCID_FORMAT")
                    .example("title", "Invalid ICCID")
                    .example("ref", "/docs/errors#INVALID_ICCID_FORMAT")
                    .example("details", "subscription_device_change_request.new_iccid: must be 19-20 digits");
            Map<String, Schema> schemas = openApi.getComponents().getSchemas();
            if (schemas.containsKey("DeviceView")) {
                describeDevice(openApi);
            }
            if (schemas.containsKey("SubscriptionView")) {
                ApiSchemas.of(openApi, "SubscriptionView")
                        .allRequired()
                        .nullable("msisdn")
                        .example("msisdn", "+34600123456")
                        .description("msisdn", "The phone number (E.164); null while the subscription has none");
            }
            if (schemas.containsKey("V1DeviceView")) {
                describeV1Device(openApi);
            }
            if (schemas.containsKey("RecordedEvent")) {
                ApiSchemas.of(openApi, "RecordedEvent")
                        .allRequired()
                        .nullable("user_name", "correlation_id")
                        .example("type", "DeviceAdded")
                        .member(
                                "payload",
                                new Schema<>()
                                        .type("object")
                                        .additionalProperties(Boolean.TRUE)
                                        .description("The event as stored, with snake_case members: any JSON"
                                                + " values (PIN and PUK codes show as \"****\" without"
                                                + " devices:secrets)"));
            }
        };
    }

    private static void describeDevice(OpenAPI openApi) {
        ApiSchemas.of(openApi, "DeviceView")
                .allRequired()
                .nullable(
                        "catalogue_device_id",
                        "reservation_id",
                        "signature_process_id",
                        "shipping_order_id",
                        "pickup_order_id",
                        "in_store_delivery_date",
                        "in_store_returned_date",
                        "manufacturing_info",
                        "serial_number",
                        "mac_address",
                        "imei",
                        "acquisition_type",
                        "insurable_amount",
                        "contract_document_id",
                        "device_additional_details")
                .example("catalogue_commercial_device_id", "P045A1SNC")
                .example("mac_address", "AA:BB:CC:DD:EE:FF")
                .example("imei", "490154203237518")
                .example("serial_number", "SN-0001")
                .description("insurable_amount", "At least 0; null: not insurable")
                .description("device_additional_details", "A SIM's details (category SIM); null for other devices");
        ApiSchemas.of(openApi, "ManufacturingInfo")
                .allRequired()
                .nullable("id_type", "id")
                .example("id_type", "SERIAL_NUMBER");
        ApiSchemas.of(openApi, "Commitment")
                .allRequired()
                .nullable(
                        "legacy_id",
                        "expiration_date",
                        "cancellation_date",
                        "cancellation_system",
                        "cancellation_user");
        // PIN and PUK codes are left out without devices:secrets, and every member without a value
        ApiSchemas.of(openApi, "SimCard")
                .required("iccid", "imsi")
                .example("iccid", "8934011411551283144")
                .example("imsi", "214035453370793")
                .example("pin", "0123")
                .example("puk", "12345678");
    }

    private static void describeV1Device(OpenAPI openApi) {
        ApiSchemas.of(openApi, "V1DeviceView")
                .allRequired()
                .nullable("contract_document_id", "device_additional_details")
                .member("status", new StringSchema()._enum(List.of("ACTIVO", "INACTIVO")))
                .example("device_id", "P045A1SNC");
        // SIM: iccid, imsi, codes (with devices:secrets), fabrication_type; OTHER: imei, serial_number, mac_address
        ApiSchemas.of(openApi, "V1DeviceViewAdditionalDetails")
                .required()
                .member("fabrication_type", new StringSchema()._enum(List.of("eSIM", "pSIM")))
                .example("iccid", "8934011411551283144")
                .example("imsi", "214035453370793")
                .example("mac_address", "AA:BB:CC:DD:EE:FF");
        ApiSchemas.of(openApi, "V1ChangeRequestView")
                .allRequired()
                .nullable(
                        "user_name",
                        "change_reason",
                        "contract_document_id",
                        "fabrication_type",
                        "iccid",
                        "imsi",
                        "processed_date",
                        "rejection_reason")
                .example("iccid", "8934011411551283144")
                .example("imsi", "214035453370793")
                .example("new_iccid", "89340114115512831440")
                .example("new_imsi", "214035453370794");
    }

    /** What every operation shares; runs after the modules' customizers. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    OpenApiCustomizer sharedAnswers() {
        return openApi -> {
            if (openApi.getPaths() != null) {
                openApi.getPaths().forEach((path, item) -> item.readOperationsMap()
                        .forEach((method, operation) -> shareAnswers(path, method, operation)));
                Paths sorted = new Paths();
                new TreeMap<>(openApi.getPaths()).forEach(sorted::addPathItem);
                openApi.setPaths(sorted);
            }
            Map<String, Schema> schemas = openApi.getComponents().getSchemas();
            if (schemas != null) {
                schemas.values().forEach(schema -> {
                    if (schema.getType() == null && schema.getProperties() != null) {
                        schema.setType("object");
                    }
                });
                openApi.getComponents().setSchemas(new TreeMap<>(schemas));
                walk(schemas.values(), OpenApiConfiguration::anchorPattern);
            }
        };
    }

    private static void shareAnswers(String path, PathItem.HttpMethod method, Operation operation) {
        List<Parameter> parameters =
                operation.getParameters() == null ? new ArrayList<>() : new ArrayList<>(operation.getParameters());
        parameters.stream().map(Parameter::getSchema).forEach(schema -> {
            // a parameter documented as an enum or a boolean keeps no Bean Validation pattern of its check
            if (schema != null && (schema.getEnum() != null || !"string".equals(schema.getType()))) {
                schema.setPattern(null);
            }
            anchorPattern(schema);
        });
        if (ApiFamily.of(path) == ApiFamily.CAMARA) {
            shareCamaraAnswers(operation, parameters);
            return;
        }
        if (!path.startsWith("/v1/") && !path.startsWith("/v2/") && !path.startsWith("/admin/")) {
            return;
        }
        String body = ApiFamily.of(path) == ApiFamily.V1 ? ERROR_MESSAGE : ERROR_RESPONSE;
        for (String status : statuses(path, method, operation)) {
            if (!operation.getResponses().containsKey(status)) {
                operation.getResponses().addApiResponse(status, new ApiResponse().description(MEANINGS.get(status)));
            }
        }
        ApiResponses sorted = new ApiResponses();
        new TreeMap<>(operation.getResponses()).forEach(sorted::addApiResponse);
        operation.setResponses(sorted);
        operation.getResponses().forEach((status, response) -> {
            if (status.startsWith("4") || status.startsWith("5")) {
                response.setContent(new Content()
                        .addMediaType(
                                org.springframework.http.MediaType.APPLICATION_JSON_VALUE,
                                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + body))));
            }
            response.addHeaderObject(
                    RequestIdFilter.HEADER, new Header().$ref("#/components/headers/" + RequestIdFilter.HEADER));
        });
    }

    /**
     * CAMARA's {@code ErrorInfo} ({@code com.subscriptiondevices.api.error.ErrorInfo}) as one status
     * answers it: that status, and its codes. One schema per status rather than CAMARA's {@code allOf} of
     * the body and the enums: validators check each part of an {@code allOf} on its own, and its enum
     * part has no {@code message}.
     */
    private static Schema<?> camaraErrorInfo(int status, List<String> codes) {
        return new Schema<>()
                .type("object")
                .description("CAMARA's ErrorInfo of a " + status + ": " + String.join(" or ", codes))
                .addRequiredItem("status")
                .addRequiredItem("code")
                .addRequiredItem("message")
                .addProperty(
                        "status", new IntegerSchema()._enum(List.of(status)).description("The HTTP status"))
                .addProperty(
                        "code",
                        new StringSchema()
                                ._enum(codes)
                                .description("CAMARA's code of the error")
                                .example(codes.get(0)))
                .addProperty(
                        "message",
                        new StringSchema()
                                .description("What went wrong, and what to do")
                                .example(CAMARA_EXAMPLES.get(status)));
    }

    /**
     * The SIM swap family as CAMARA documents it: the x-correlator parameter and header, and on every
     * refusal an ErrorInfo whose status and codes are those of its status.
     */
    private static void shareCamaraAnswers(Operation operation, List<Parameter> parameters) {
        parameters.add(new Parameter().$ref("#/components/parameters/" + RequestIdFilter.CORRELATOR));
        operation.setParameters(parameters);
        for (String status : List.of("400", "401", "403", "404", "413", "415", "422", "500", "503", "504")) {
            if (!operation.getResponses().containsKey(status)) {
                operation
                        .getResponses()
                        .addApiResponse(status, new ApiResponse().description(CAMARA_MEANINGS.get(status)));
            }
        }
        ApiResponses sorted = new ApiResponses();
        new TreeMap<>(operation.getResponses()).forEach(sorted::addApiResponse);
        operation.setResponses(sorted);
        operation.getResponses().forEach((status, response) -> {
            if (status.startsWith("4") || status.startsWith("5")) {
                response.setContent(new Content()
                        .addMediaType(
                                org.springframework.http.MediaType.APPLICATION_JSON_VALUE,
                                new MediaType()
                                        .schema(new Schema<>().$ref("#/components/schemas/" + ERROR_INFO + status))));
            }
            response.addHeaderObject(
                    RequestIdFilter.CORRELATOR,
                    new Header().$ref("#/components/headers/" + RequestIdFilter.CORRELATOR));
        });
    }

    /**
     * The refusals every operation can give: 400 (even a call without parameters can be malformed),
     * 401, 403, 500, 503 and (from the split deployment's entry point) 504; 404 where the path names a resource; 413 for a body, 415 for the
     * operations that read one. Each operation declares the others (409, 412) itself.
     */
    private static List<String> statuses(String path, PathItem.HttpMethod method, Operation operation) {
        List<String> statuses = new ArrayList<>(List.of("400", "401", "403"));
        String withoutOrg = path.replace("{org}", "").replace("{org_id}", "");
        if (withoutOrg.contains("{")) {
            statuses.add("404");
        }
        if (method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PATCH) {
            statuses.add("413");
            if (operation.getRequestBody() != null) {
                statuses.add("415");
            }
        }
        statuses.addAll(List.of("500", "503", "504"));
        return statuses;
    }

    /** Bean Validation's {@code @Pattern} matches the whole value; a JSON Schema pattern any part of it. */
    private static void anchorPattern(Schema<?> schema) {
        if (schema == null || schema.getPattern() == null) {
            return;
        }
        String pattern = schema.getPattern();
        if (!pattern.startsWith("^")) {
            schema.setPattern("^(?:" + pattern + ")$");
        }
    }

    /** Each schema and every schema inside it. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void walk(java.util.Collection<Schema> schemas, Consumer<Schema<?>> visit) {
        for (Schema schema : schemas) {
            if (schema == null) {
                continue;
            }
            visit.accept(schema);
            if (schema.getProperties() != null) {
                walk(schema.getProperties().values(), visit);
            }
            if (schema instanceof ArraySchema || schema.getItems() != null) {
                walk(java.util.Collections.singletonList(schema.getItems()), visit);
            }
            for (List<Schema> composed : new List[] {schema.getAllOf(), schema.getAnyOf(), schema.getOneOf()}) {
                if (composed != null) {
                    walk(composed, visit);
                }
            }
        }
    }

    private static void register(OpenAPI openApi, String name, Class<?> type) {
        if (openApi.getComponents().getSchemas() == null) {
            openApi.getComponents().setSchemas(new java.util.LinkedHashMap<>());
        }
        var resolved = ModelConverters.getInstance()
                .readAllAsResolvedSchema(new io.swagger.v3.core.converter.AnnotatedType(
                        TypeFactory.defaultInstance().constructType(type)));
        resolved.referencedSchemas.forEach(openApi.getComponents().getSchemas()::putIfAbsent);
        openApi.getComponents().getSchemas().put(name, resolved.schema);
    }
}
