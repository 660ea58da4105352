package com.subscriptiondevices.platform.web;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.subscriptiondevices.api.error.ErrorMessage;
import com.subscriptiondevices.api.error.ErrorResponse;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document (served at {@code /v3/api-docs}, UI at {@code /swagger-ui.html}), generated
 * from the controllers, with every operation's error responses in its family's error body.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    private static final Map<String, String> MEANINGS = Map.of(
            "400", "Invalid request (body, parameter or patch); nothing changed",
            "401", "No valid Bearer token",
            "403", "Organization not in the token (FORBIDDEN_ORGANIZATION) or scope missing (MISSING_PERMISSIONS)",
            "404", "Subscription or device not found in this organization",
            "409", "Conflict with the current state (ids, ICCID in use)",
            "412", "If-Match does not match the device's current ETag",
            "413", "Request body too large",
            "415", "Unsupported content type",
            "500", "Unexpected error; the body carries the request id");

    @Bean
    OpenAPI subscriptionDevicesApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Subscription Devices")
                        .version("v2")
                        .description("SIM cards and terminals held by a telecom operator's subscriptions. Every call "
                                + "needs a Bearer JWT with an 'orgs' claim and the 'devices:*' scopes it uses. "
                                + "Error codes: /docs/errors."))
                .components(new Components()
                        .addSecuritySchemes(
                                "bearer-jwt",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList("bearer-jwt"));
    }

    /** Schemas spelled as the wire is (snake_case); swagger-core resolves models with its own mapper. */
    @Bean
    ModelResolver snakeCaseModels() {
        return new ModelResolver(Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
    }

    @Bean
    OpenApiCustomizer errorResponses() {
        return openApi -> {
            register(openApi, "ErrorResponse", ErrorResponse.class);
            register(openApi, "ErrorMessage", ErrorMessage.class);
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> {
                if (!path.startsWith("/v1/") && !path.startsWith("/v2/") && !path.startsWith("/admin/")) {
                    return;
                }
                String schema = path.startsWith("/v1/") ? "ErrorMessage" : "ErrorResponse";
                item.readOperationsMap().forEach((method, operation) -> {
                    for (String status : statuses(path, method)) {
                        addError(operation, status, schema);
                    }
                });
            });
        };
    }

    private static List<String> statuses(String path, PathItem.HttpMethod method) {
        List<String> statuses = new ArrayList<>(List.of("400", "401", "403"));
        if (path.contains("{")) {
            statuses.add("404");
        }
        switch (method) {
            case POST -> statuses.addAll(List.of("409", "413", "415"));
            case PATCH -> statuses.addAll(List.of("409", "412", "413", "415"));
            default -> {}
        }
        statuses.add("500");
        return statuses;
    }

    private static void addError(Operation operation, String status, String schema) {
        if (operation.getResponses() == null || operation.getResponses().containsKey(status)) {
            return;
        }
        operation
                .getResponses()
                .addApiResponse(
                        status,
                        new ApiResponse()
                                .description(MEANINGS.get(status))
                                .content(new Content()
                                        .addMediaType(
                                                "application/json",
                                                new MediaType()
                                                        .schema(new Schema<>()
                                                                .$ref("#/components/schemas/" + schema)))));
    }

    private static void register(OpenAPI openApi, String name, Class<?> type) {
        if (openApi.getComponents().getSchemas() == null) {
            openApi.getComponents().setSchemas(new LinkedHashMap<>());
        }
        var resolved = ModelConverters.getInstance().readAllAsResolvedSchema(type);
        resolved.referencedSchemas.forEach(openApi.getComponents().getSchemas()::putIfAbsent);
        openApi.getComponents().getSchemas().put(name, resolved.schema);
    }
}
