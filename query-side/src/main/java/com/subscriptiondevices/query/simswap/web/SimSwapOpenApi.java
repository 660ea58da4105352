package com.subscriptiondevices.query.simswap.web;

import com.subscriptiondevices.platform.web.ApiSchemas;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import java.math.BigDecimal;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The SIM swap family's schemas as CAMARA writes them (camelCase members, its phone number pattern). */
@Configuration(proxyBeanMethods = false)
class SimSwapOpenApi {

    /** E.164, CAMARA's {@code PhoneNumber}. */
    static final String PHONE_NUMBER = "^\\+[1-9][0-9]{4,14}$";

    @Bean
    OpenApiCustomizer simSwapSchemas() {
        return openApi -> {
            ApiSchemas.of(openApi, "CreateSimSwapDate").closed().member("phoneNumber", phoneNumber());
            ApiSchemas.of(openApi, "CreateCheckSimSwap")
                    .closed()
                    .member("phoneNumber", phoneNumber())
                    .member(
                            "maxAge",
                            new IntegerSchema()
                                    .minimum(BigDecimal.ONE)
                                    .maximum(BigDecimal.valueOf(SimSwapController.MAX_MAX_AGE))
                                    ._default(SimSwapController.DEFAULT_MAX_AGE)
                                    .description("Period in hours to be checked for SIM swap")
                                    .example(240));
            ApiSchemas.of(openApi, "SimSwapInfo")
                    .required("latestSimChange")
                    .nullable("latestSimChange")
                    .description(
                            "latestSimChange",
                            "The latest SIM change (RFC 3339, in UTC with Z); null when it is older than the"
                                    + " monitored period")
                    .example("latestSimChange", "2026-11-30T16:02:10.812Z")
                    .member(
                            "monitoredPeriod",
                            new IntegerSchema()
                                    .description("The monitored period in days, when the latest change is older than"
                                            + " it")
                                    .example(120));
            ApiSchemas.of(openApi, "CheckSimSwapInfo")
                    .allRequired()
                    .description("swapped", "Whether the SIM changed within the maxAge hours asked about");
        };
    }

    private static StringSchema phoneNumber() {
        StringSchema schema = new StringSchema();
        schema.pattern(PHONE_NUMBER)
                .example("+34600123456")
                .description("The phone number in E.164 form; leave it out when the token names the line"
                        + " (phone_number)");
        return schema;
    }
}
