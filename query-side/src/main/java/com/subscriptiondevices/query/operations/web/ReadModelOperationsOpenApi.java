package com.subscriptiondevices.query.operations.web;

import com.subscriptiondevices.platform.web.ApiSchemas;
import io.swagger.v3.oas.models.media.StringSchema;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The read-model operators' answers in the OpenAPI document: every member is written, and these may be
 * null (a read model never built or rebuilt, a rate not known yet).
 */
@Configuration(proxyBeanMethods = false)
class ReadModelOperationsOpenApi {

    @Bean
    OpenApiCustomizer readModelOperationsSchemas() {
        return openApi -> {
            ApiSchemas.of(openApi, "ProjectionStatus")
                    .allRequired()
                    .nullable("position", "version", "eta_seconds", "rebuild")
                    .example("name", "device-projection");
            ApiSchemas.of(openApi, "RebuildStatus")
                    .allRequired()
                    .member("status", new StringSchema()._enum(List.of("RUNNING", "DONE", "FAILED")))
                    .nullable(
                            "started_at", "finished_at", "run_by", "position", "head", "events_per_second", "failure");
            ApiSchemas.of(openApi, "Verification").allRequired().example("name", "device-projection");
            ApiSchemas.of(openApi, "RowDifference")
                    .allRequired()
                    .example("problem", "DIFFERENT: serial_number, version");
        };
    }
}
