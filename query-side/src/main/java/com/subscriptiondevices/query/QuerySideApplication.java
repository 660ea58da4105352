package com.subscriptiondevices.query;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The query side as a process of its own (split deployment): projections and read endpoints, against
 * the shared PostgreSQL. Scale it independently of the command side.
 */
@SpringBootApplication(
        scanBasePackages = {
            "com.subscriptiondevices.query",
            "com.subscriptiondevices.readmodel",
            "com.subscriptiondevices.platform"
        })
public class QuerySideApplication {

    public static void main(String[] args) {
        SpringApplication.run(QuerySideApplication.class, args);
    }
}
