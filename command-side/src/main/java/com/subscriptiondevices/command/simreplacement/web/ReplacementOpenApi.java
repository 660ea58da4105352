package com.subscriptiondevices.command.simreplacement.web;

import com.subscriptiondevices.platform.web.ApiSchemas;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The SIM replacement request's schema as the service reads it (see {@link ReplacementRequest}). */
@Configuration(proxyBeanMethods = false)
class ReplacementOpenApi {

    @Bean
    OpenApiCustomizer replacementRequest() {
        return openApi -> {
            ApiSchemas.of(openApi, "ReplacementRequest")
                    .closed()
                    .nullableUnlessRequired()
                    .example("user_name", "test@test.com")
                    .example("change_reason", "sim lost");
            ApiSchemas.of(openApi, "ChangeRequest")
                    .closed()
                    .digits("iccid", "8934011411551283144", "The ICCID of the SIM being replaced")
                    .digits("imsi", "214035453370793", "The IMSI of the SIM being replaced")
                    .digits("new_iccid", "89340114115512831440", "The new SIM's ICCID")
                    .digits("new_imsi", "214035453370794", "The new SIM's IMSI")
                    .nullableUnlessRequired();
        };
    }
}
