package com.subscriptiondevices.platform.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.core.annotation.AliasFor;

/**
 * A {@link WebMvcTest} slice of one controller with the web edge it runs behind in the service: the
 * real security (dev tokens signed with {@link EdgeAnswers#SECRET}), filters, request JSON and error
 * advice of platform's {@code web}, {@code security} and {@code validation} packages, and no
 * database, Axon or other controller. The test mocks what its controller calls ({@code CommandSender},
 * {@code QuerySender}, ...); those two senders are left out of the slice for that reason.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@WebMvcTest(
        includeFilters =
                @ComponentScan.Filter(
                        type = FilterType.REGEX,
                        pattern = "com\\.subscriptiondevices\\.platform\\.(web|security|validation)\\."
                                + "(?!CommandSender|QuerySender)[A-Za-z]+"),
        properties = "devices.security.dev-jwt-secret=" + EdgeAnswers.SECRET)
public @interface WebEdgeTest {

    @AliasFor(annotation = WebMvcTest.class, attribute = "controllers")
    Class<?>[] value() default {};
}
