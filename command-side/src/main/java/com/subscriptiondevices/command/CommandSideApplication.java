package com.subscriptiondevices.command;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The command side as a process of its own (split deployment): write endpoints, the aggregate and the
 * uniqueness claims, against the shared PostgreSQL. Reads are served by the query side.
 */
@SpringBootApplication(
        scanBasePackages = {
            "com.subscriptiondevices.command",
            "com.subscriptiondevices.readmodel",
            "com.subscriptiondevices.platform"
        })
public class CommandSideApplication {

    public static void main(String[] args) {
        SpringApplication.run(CommandSideApplication.class, args);
    }
}
