package com.subscriptiondevices.platform.validation;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A MAC address in any common notation. Null is valid (use {@code @NotNull} to require it). */
@Documented
@Constraint(validatedBy = MacAddressValidator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface MacAddress {

    String message() default
            "must be a MAC address such as AA:BB:CC:DD:EE:FF, aa-bb-cc-dd-ee-ff, aabb.ccdd.eeff or aabbccddeeff";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
