package com.subscriptiondevices.command.operations.web;

import com.subscriptiondevices.platform.web.ApiSchemas;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The dead letters in the OpenAPI document: every member is written, and these may be null (a letter
 * queued behind another has no cause of its own; an event that is not a subscription's has no
 * aggregate).
 */
@Configuration(proxyBeanMethods = false)
class DeadLetterOpenApi {

    @Bean
    OpenApiCustomizer deadLetterSchemas() {
        return openApi -> {
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
