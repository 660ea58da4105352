package com.subscriptiondevices.platform.validation;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A PIN or PUK code. Null is valid (use {@code @NotNull} to require it). */
@Documented
@Constraint(validatedBy = SecretCodeValidator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface SecretCode {

    String message() default "must be a code of 4 to 8 digits";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
