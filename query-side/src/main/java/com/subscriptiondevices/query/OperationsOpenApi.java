package com.subscriptiondevices.query;

import com.subscriptiondevices.platform.web.ApiSchemas;
import io.swagger.v3.oas.models.media.StringSchema;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The operators' answers in the OpenAPI document: every member is written, and these may be null (a
 * read model never rebuilt, a position not known yet, a letter queued behind another without a cause
 * of its own).
 */
@Configuration(proxyBeanMethods = false)
class OperationsOpenApi {

    @Bean
    OpenApiCustomizer operationsSchemas() {
        return openApi -> {
            ApiSchemas.of(openApi, "ProjectionStatus")
                    .allRequired()
                    .nullable("position", "eta_seconds", "rebuild")
                    .example("name", "device-projection");
            ApiSchemas.of(openApi, "RebuildStatus")
                    .allRequired()
                    .member("status", new StringSchema()._enum(List.of("RUNNING", "DONE", "FAILED")))
                    .nullable(
                            "started_at", "finished_at", "run_by", "position", "head", "events_per_second", "failure");
            ApiSchemas.of(openApi, "DeadLetterView")
                    .allRequired()
                    .nullable(
                            "sequence_identifier",
                            "event_type",
                            "event_id",
                            "aggregate_id",
                            "sequence_number",
                            "enqueued_at",
                            "last_touched",
                            "cause_type",
                            "cause_message");
            ApiSchemas.of(openApi, "RetryResult").allRequired().nullable("cause_type", "cause_message");
        };
    }
}
