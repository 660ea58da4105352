package com.subscriptiondevices.platform.validation;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A phone number in E.164 form (see {@link com.subscriptiondevices.api.identifier.Identifiers#isValidMsisdn}). Null is valid. */
@Documented
@Constraint(validatedBy = MsisdnValidator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface Msisdn {

    String message() default "must be a phone number in E.164 form: + and 5 to 15 digits, the first not 0";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
