package com.subscriptiondevices;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.util.StringUtils;

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
        ConfigurableApplicationContext context = SpringApplication.run(SubscriptionDevicesApplication.class, args);
        if (StringUtils.hasText(context.getEnvironment().getProperty("devices.operator.command"))) {
            // the operator command line (bin/projections) ran its command: stop with its exit code
            System.exit(SpringApplication.exit(context));
        }
    }
}
