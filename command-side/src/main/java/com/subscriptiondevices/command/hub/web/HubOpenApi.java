package com.subscriptiondevices.command.hub.web;

import com.subscriptiondevices.platform.web.ApiSchemas;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The hub's schemas: what is always written, what may be null, and examples. */
@Configuration(proxyBeanMethods = false)
class HubOpenApi {

    @Bean
    OpenApiCustomizer hubSchemas() {
        return openApi -> {
            ApiSchemas.of(openApi, "ListenerRequest")
                    .closed()
                    .nullableUnlessRequired()
                    .example("callback", "https://shop.example/hooks/devices")
                    .example("query", "type=subscription-devices.sim-replacement.processed")
                    .description(
                            "callback", "An absolute http(s) URL whose host devices.notifications.allowed-hosts allows")
                    .description(
                            "query",
                            "type=<t1>,<t2>,... of subscription-devices.subscription.created,"
                                    + " subscription-devices.device.added, subscription-devices.device.changed,"
                                    + " subscription-devices.sim-replacement.requested,"
                                    + " subscription-devices.sim-replacement.processed,"
                                    + " subscription-devices.sim-replacement.rejected,"
                                    + " subscription-devices.msisdn.changed; absent: every type")
                    .description(
                            "secret",
                            "The HMAC-SHA256 key: whsec_ and base64 (Standard Webhooks; the decoded bytes are the"
                                    + " key) or any 32-200 visible ASCII characters (their bytes are the key);"
                                    + " absent: one is generated");
            ApiSchemas.of(openApi, "RegisteredListener")
                    .allRequired()
                    .nullable("query")
                    .example("status", "ACTIVE")
                    .example("secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
            ApiSchemas.of(openApi, "ListenerSummary")
                    .allRequired()
                    .nullable("query")
                    .example("status", "ACTIVE");
            ApiSchemas.of(openApi, "ListenerDetails")
                    .allRequired()
                    .nullable("query", "last_delivered_at", "last_error")
                    .example("status", "ACTIVE")
                    .example("last_error", "HTTP 503");
        };
    }
}
