package com.subscriptiondevices.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.subscriptiondevices.SubscriptionDevicesApplication;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The benchmark suite's read ceiling: with {@code devices.bench.constant-endpoint=true}, a constant
 * tiny JSON document, open without a token; nothing else opens with it. (Absent by default: see
 * {@link SecurityIT}.)
 */
class BenchmarkConstantIT {

    @Test
    void when_enabled_the_constant_document_answers_without_a_token() {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SubscriptionDevicesApplication.class)
                .run(
                        "--server.port=0",
                        "--devices.bench.constant-endpoint=true",
                        "--spring.datasource.url=jdbc:h2:mem:bench-" + UUID.randomUUID()
                                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH")) {
            Api api = new Api(
                    ((WebServerApplicationContext) context).getWebServer().getPort());

            Api.Response constant = api.get("/bench/constant", null);
            assertThat(constant.status()).isEqualTo(200);
            assertThat(constant.header("Content-Type")).startsWith("application/json");
            assertThat(constant.body()).isEqualTo("{\"status\":\"ok\"}");

            assertThat(api.get("/bench/other", null).status()).isEqualTo(401);
            assertThat(api.get("/v2/orgs/yoigo/devices?serial_number=x", null).status())
                    .isEqualTo(401);
            assertThat(api.get("/v3/api-docs", null).body()).doesNotContain("/bench/constant");
        }
    }
}
