package com.subscriptiondevices;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * The default deployment: command side and query side in one process. The sides' own application
 * classes (for the split deployment) are left out of the scan.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan(
        basePackages = "com.subscriptiondevices",
        excludeFilters = @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = SpringBootApplication.class))
public class SubscriptionDevicesApplication {

    public static void main(String[] args) {
        SpringApplication.run(SubscriptionDevicesApplication.class, args);
    }
}
