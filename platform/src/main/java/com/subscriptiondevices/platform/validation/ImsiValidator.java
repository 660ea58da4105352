package com.subscriptiondevices.platform.validation;

import com.subscriptiondevices.api.identifier.Identifiers;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

public class ImsiValidator implements ConstraintValidator<Imsi, String> {

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        return value == null || Identifiers.isValidImsi(value);
    }
}
