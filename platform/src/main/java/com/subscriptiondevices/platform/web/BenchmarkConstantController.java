package com.subscriptiondevices.platform.web;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The benchmark suite's ceiling for reads: a constant tiny JSON document through the same server,
 * filters and MVC stack as every read, with no token, no query and no database. It exists only when
 * {@code devices.bench.constant-endpoint=true} (the suite sets it on the service it starts); normal
 * runs have no such path.
 */
@Hidden
@RestController
@ConditionalOnProperty(name = BenchmarkConstantController.ENABLED, havingValue = "true")
class BenchmarkConstantController {

    static final String ENABLED = "devices.bench.constant-endpoint";
    static final String PATH = "/bench/constant";

    private static final String DOCUMENT = "{\"status\":\"ok\"}";

    @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    String constant() {
        return DOCUMENT;
    }
}
