package com.subscriptiondevices.platform.validation;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** An IMSI. Null is valid (use {@code @NotNull} to require it). */
@Documented
@Constraint(validatedBy = ImsiValidator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Imsi {

    String message() default "must be an IMSI: 14 or 15 digits";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
