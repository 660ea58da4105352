package com.subscriptiondevices.command.subscription.representation;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@link DevicePatcher} (and a {@link SubscriptionPatcher}) wired as Spring wires it (its constructor is package-private): the JSON
 * settings of {@code application.yml} and a plain Bean Validation validator.
 */
public final class TestDevicePatchers {

    private static final ValidatorFactory VALIDATION = Validation.buildDefaultValidatorFactory();

    private TestDevicePatchers() {}

    /** The mapper as {@code spring.jackson.*} configures it. */
    public static JsonMapper jsonMapper() {
        return JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    public static Validator validator() {
        return VALIDATION.getValidator();
    }

    public static DevicePatcher devicePatcher() {
        return new DevicePatcher(jsonMapper(), validator());
    }

    public static SubscriptionPatcher subscriptionPatcher() {
        return new SubscriptionPatcher(jsonMapper());
    }
}
