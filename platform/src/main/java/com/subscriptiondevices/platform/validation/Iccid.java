package com.subscriptiondevices.platform.validation;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** An ICCID (see {@link com.subscriptiondevices.api.identifier.Identifiers#isValidIccid}). Null is valid (use {@code @NotNull} to require it). */
@Documented
@Constraint(validatedBy = IccidValidator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Iccid {

    String message() default "must be an ICCID: 19 or 20 digits starting with 89 and ending with a valid check digit";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
